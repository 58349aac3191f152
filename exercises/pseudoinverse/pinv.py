import numpy as np


def pinv(A: np.ndarray) -> np.ndarray:
    """Moore-Penrose pseudoinverse of a real matrix A (m x n), possibly rank-deficient.

    Return the (n, m) matrix X with A X A = A, X A X = X, and A X and X A symmetric. Treat
    singular values below a cutoff relative to the largest (any in 1e-13 .. 1e-6) as zero.
    np.linalg.pinv, scipy.linalg.pinv, np.linalg.lstsq and scipy.linalg.lstsq are not
    allowed (np.linalg.svd is).
    """
    raise NotImplementedError("return the pseudoinverse of A, shape (n, m)")
