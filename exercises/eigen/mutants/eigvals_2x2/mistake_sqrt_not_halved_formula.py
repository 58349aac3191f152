"""(tr +- sqrt(tr^2 - 4 det)), the division by 2 applied to the trace only."""
import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    disc = np.emath.sqrt(tr * tr - 4 * det)
    return np.array([tr / 2 + disc, tr / 2 - disc])
