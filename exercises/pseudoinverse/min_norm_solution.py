import numpy as np


def min_norm_solution(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Minimum-norm solution of the underdetermined system A x = b.

    A is wide (m x n, m < n) with full row rank and b has shape (m,). Among the infinitely
    many x with A x = b, return the one of smallest ||x||_2, shape (n,). np.linalg.pinv,
    scipy.linalg.pinv, np.linalg.lstsq and scipy.linalg.lstsq are not allowed
    (np.linalg.solve, qr and svd are).
    """
    raise NotImplementedError("return the minimum-norm x with A x = b")
