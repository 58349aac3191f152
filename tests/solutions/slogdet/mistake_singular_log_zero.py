import numpy as np


def slogdet(A):
    a = np.array(A, dtype=float)
    n = a.shape[0]
    sign, logdet = 1.0, 0.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0.0:
            return 0.0, 0.0
        if p != k:
            a[[k, p]] = a[[p, k]]
            sign = -sign
        pivot = a[k, k]
        sign *= np.sign(pivot)
        logdet += np.log(abs(pivot))
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / pivot, a[k, k:])
    return sign, logdet
