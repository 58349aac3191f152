"""Elimination without row swaps or a zero-pivot guard."""
import numpy as np


def slogdet(A):
    U = np.array(A, dtype=float)
    n = len(U)
    sign, logdet = 1.0, 0.0
    for k in range(n):
        sign *= np.sign(U[k, k])
        logdet += np.log(abs(U[k, k]))
        for i in range(k + 1, n):
            U[i, k:] -= U[i, k] / U[k, k] * U[k, k:]
    return sign, logdet
