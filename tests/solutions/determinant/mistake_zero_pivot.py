import numpy as np


def determinant(A):
    a = np.array(A, dtype=float)
    n = a.shape[0]
    det = 1.0
    for k in range(n):
        det *= a[k, k]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return det
