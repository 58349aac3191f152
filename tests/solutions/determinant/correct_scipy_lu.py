import numpy as np
import scipy.linalg


def _perm_sign(perm):
    sign, seen = 1.0, [False] * len(perm)
    for start in range(len(perm)):
        length, j = 0, start
        while not seen[j]:
            seen[j] = True
            j = perm[j]
            length += 1
        if length % 2 == 0 and length:
            sign = -sign
    return sign


def determinant(A):
    p, l, u = scipy.linalg.lu(A)
    return np.prod(np.diag(u)) * _perm_sign(list(np.argmax(p, axis=0)))
