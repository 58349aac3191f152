"""The quadratic formula with a real square root."""
import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    disc = np.sqrt(tr * tr - 4 * det)
    return np.array([(tr + disc) / 2, (tr - disc) / 2])
