import numpy as np


def least_squares(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Least-squares solution of the overdetermined system A x ~ b.

    A is tall (m x n, m > n) with full column rank and b has shape (m,). Return the x of
    shape (n,) that minimizes ||A x - b||_2. np.linalg.pinv, scipy.linalg.pinv,
    np.linalg.lstsq and scipy.linalg.lstsq are not allowed (np.linalg.solve, qr and svd are).
    """
    raise NotImplementedError("return x minimizing ||A x - b||")
