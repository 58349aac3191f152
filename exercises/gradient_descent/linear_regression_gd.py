import numpy as np


def linear_regression_gd(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """Full-batch gradient descent on L(w) = mean((X @ w - y)**2), from w = 0.

    Apply `epochs` updates w <- w - lr * (2/n) X^T (X w - y) and return w, shape (d,).
    """
    raise NotImplementedError("return w after `epochs` gradient steps")
