"""Partial pivoting, returning the P with P @ A == L @ U."""
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
        L[[k, p], :k] = L[[p, k], :k]
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
    return P, L, U
