import numpy as np


def slogdet(A):
    a = np.array(A, dtype=float)
    n = a.shape[0]
    det = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0.0:
            return 0.0, -np.inf
        if p != k:
            a[[k, p]] = a[[p, k]]
            det = -det
        det *= a[k, k]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return float(np.sign(det)), float(np.log(abs(det)))
