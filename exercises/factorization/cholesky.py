import numpy as np


def cholesky(A: np.ndarray) -> np.ndarray:
    """The Cholesky factor of a symmetric positive definite A (n x n).

    Return L, lower triangular (zeros above the diagonal) with a positive diagonal, such
    that A == L @ L.T. This L is unique. np.linalg.cholesky, scipy.linalg.cholesky and
    scipy.linalg.cho_factor are not allowed.
    """
    raise NotImplementedError("return L")
