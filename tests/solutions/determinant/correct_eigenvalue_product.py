"""The determinant is the product of the eigenvalues. For a real matrix with a complex-conjugate pair the
product is complex with an imaginary part of rounding size (1e-16): read as real, within the tolerance."""

import numpy as np


def determinant(A):
    A = np.asarray(A, dtype=float)
    if A.size == 0:
        return 1.0
    return np.prod(np.linalg.eigvals(A))
