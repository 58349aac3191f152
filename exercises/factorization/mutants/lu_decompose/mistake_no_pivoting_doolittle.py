"""Doolittle elimination without row swaps."""
import numpy as np


def lu_decompose(A):
    n = len(A)
    U = np.array(A, dtype=float)
    L = np.eye(n)
    for k in range(n - 1):
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    return np.eye(n), L, U
