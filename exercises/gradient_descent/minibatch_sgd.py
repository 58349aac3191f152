import numpy as np


def minibatch_sgd(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int,
                  seed: int) -> np.ndarray:
    """Mini-batch SGD on L(w) = mean((X @ w - y)**2) from w = 0; return w, shape (d,).

    rng = np.random.default_rng(seed) is made once, before the first epoch. Each epoch draws
    perm = rng.permutation(n) and steps on the consecutive slices perm[k:k + batch_size]
    (the last may be shorter) with w <- w - lr * (2/|B|) X_B^T (X_B w - y_B).
    """
    raise NotImplementedError("return w after mini-batch SGD")
