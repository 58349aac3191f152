import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    root = np.sqrt(complex(tr * tr - 4 * det))
    return np.array([tr / 2 + root, tr / 2 - root])
