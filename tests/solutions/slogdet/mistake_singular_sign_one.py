import numpy as np


def slogdet(A):
    U = A.astype(float)
    n = len(U)
    sign, logdet = 1.0, 0.0
    for k in range(n):
        p = k + np.argmax(np.abs(U[k:, k]))
        if U[p, k] == 0:
            return sign, -np.inf
        if p != k:
            U[[k, p]] = U[[p, k]]
            sign = -sign
        if U[k, k] < 0:
            sign = -sign
        logdet += np.log(abs(U[k, k]))
        U[k + 1:] -= np.outer(U[k + 1:, k] / U[k, k], U[k])
    return sign, logdet
