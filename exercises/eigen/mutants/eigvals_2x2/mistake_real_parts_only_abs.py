"""A complex square root, but only the real parts returned."""
import cmath

import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    disc = cmath.sqrt(tr * tr - 4 * det)
    return np.array([((tr + disc) / 2).real, ((tr - disc) / 2).real])
