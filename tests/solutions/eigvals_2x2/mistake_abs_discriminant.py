import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    root = np.sqrt(abs(tr * tr - 4 * det))
    return np.array([(tr + root) / 2, (tr - root) / 2])
