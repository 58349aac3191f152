import numpy as np


def qr_decompose(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reduced QR factorization of A (m x n, m >= n, full column rank).

    Return (Q, R) with A == Q @ R, Q of shape (m, n) with orthonormal columns
    (Q.T @ Q == I) and R of shape (n, n), upper triangular. The signs are free: flipping
    column j of Q together with row j of R is as good. Gram-Schmidt (classical or
    modified) or Householder reflections all work. np.linalg.qr, scipy.linalg.qr and
    scipy.linalg.rq are not allowed.
    """
    raise NotImplementedError("return (Q, R)")
