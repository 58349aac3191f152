"""The product of the pivots first, then its log: overflows for huge determinants."""
import numpy as np


def slogdet(A):
    U = np.array(A, dtype=float)
    n = len(U)
    det = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0:
            return 0.0, -np.inf
        if p != k:
            U[[k, p]] = U[[p, k]]
            det = -det
        det *= U[k, k]
        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return float(np.sign(det)), float(np.log(abs(det)))
