"""Elimination with partial pivoting, in float32."""
import numpy as np


def determinant(A):
    U = np.array(A, dtype=np.float32)
    n = len(U)
    det = np.float32(1.0)
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0:
            return 0.0
        if p != k:
            U[[k, p]] = U[[p, k]]
            det = -det
        det *= U[k, k]
        U[k + 1:, k:] -= np.outer(U[k + 1:, k] / U[k, k], U[k, k:])
    return float(det)
