"""The sign from the negative pivots only: row swaps forgotten."""
import numpy as np


def slogdet(A):
    U = np.array(A, dtype=float)
    n = len(U)
    sign, logdet = 1.0, 0.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0:
            return 0.0, -np.inf
        U[[k, p]] = U[[p, k]]
        sign *= np.sign(U[k, k])
        logdet += np.log(abs(U[k, k]))
        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return sign, logdet
