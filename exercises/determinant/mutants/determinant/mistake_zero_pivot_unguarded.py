"""Partial pivoting, but no guard for a column that is zero from the pivot down (0/0)."""
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    n = len(U)
    det = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if p != k:
            U[[k, p]] = U[[p, k]]
            det = -det
        det *= U[k, k]
        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return det
