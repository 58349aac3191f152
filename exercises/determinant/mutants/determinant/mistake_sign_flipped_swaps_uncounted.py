"""Partial pivoting whose row swaps do not change the sign."""
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    n = len(U)
    det = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0:
            return 0.0
        U[[k, p]] = U[[p, k]]
        det *= U[k, k]
        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return det
