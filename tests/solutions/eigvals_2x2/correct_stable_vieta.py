import numpy as np


def eigvals_2x2(A):
    tr = A[0, 0] + A[1, 1]
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    root = np.sqrt(complex(tr * tr - 4 * det))
    big = (tr + root) / 2 if tr >= 0 else (tr - root) / 2
    small = det / big if big != 0 else tr - big
    return np.array([big, small], dtype=complex)
