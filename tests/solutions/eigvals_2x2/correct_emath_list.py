import numpy as np


def eigvals_2x2(A):
    tr = np.trace(A)
    det = A[0][0] * A[1][1] - A[0][1] * A[1][0]
    root = np.emath.sqrt(tr ** 2 - 4 * det)
    return [(tr - root) / 2, (tr + root) / 2]
