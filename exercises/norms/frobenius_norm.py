import numpy as np


def frobenius_norm(A: np.ndarray) -> float:
    """The Frobenius norm of a matrix A (m x n), as a float.

    ||A||_F = sqrt(sum over i, j of A[i, j]**2): the length of A read as one long
    vector. np.linalg.norm, np.linalg.matrix_norm, np.linalg.vector_norm and
    scipy.linalg.norm are not allowed.
    """
    raise NotImplementedError("compute the Frobenius norm of A")
