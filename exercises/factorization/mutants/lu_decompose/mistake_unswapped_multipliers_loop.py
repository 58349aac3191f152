"""Partial pivoting that swaps the rows of U but not the multipliers already in L."""
import numpy as np


def lu_decompose(A):
    n = len(A)
    U = np.array(A, dtype=float)
    L = np.eye(n)
    P = np.eye(n)
    for k in range(n - 1):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, p]] = U[[p, k]]
        P[[k, p]] = P[[p, k]]
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    return P.T, L, U
