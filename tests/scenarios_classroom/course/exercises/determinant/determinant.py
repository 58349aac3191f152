import numpy as np


def determinant(A: np.ndarray) -> float:
    """The determinant of a square matrix A (n x n, 1 <= n <= 6), as a float.

    Compute it yourself, for example by Gaussian elimination with row swaps
    (each swap flips the sign) or by cofactor expansion. np.linalg.det,
    np.linalg.slogdet and scipy.linalg.det are not allowed. Singular matrices
    have determinant 0 (up to rounding).
    """
    raise NotImplementedError("compute det(A)")
