import numpy as np


def spectral_norm(A: np.ndarray) -> float:
    """The spectral norm of a matrix A (m x n): its largest singular value, as a float.

    It is the most A can stretch a unit vector, max ||A v|| over ||v|| = 1, and the
    square root of the largest eigenvalue of A^T A. np.linalg.norm,
    np.linalg.matrix_norm, np.linalg.vector_norm, np.linalg.cond and
    scipy.linalg.norm are not allowed (an SVD or a power iteration is fine).
    """
    raise NotImplementedError("compute the largest singular value of A")
