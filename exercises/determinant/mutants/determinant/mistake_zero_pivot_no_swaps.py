"""Gaussian elimination without row swaps: a zero pivot divides by zero."""
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    n = len(U)
    det = 1.0
    for k in range(n):
        det *= U[k, k]
        for i in range(k + 1, n):
            U[i, k:] -= U[i, k] / U[k, k] * U[k, k:]
    return det
