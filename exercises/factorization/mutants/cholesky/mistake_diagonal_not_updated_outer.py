"""Outer-product form, the diagonal taken before the trailing update."""
import numpy as np


def cholesky(A):
    S = np.array(A, dtype=float)
    n = len(S)
    d = np.sqrt(np.diag(S).copy())
    L = np.zeros((n, n))
    for j in range(n):
        L[j, j] = d[j]
        L[j + 1:, j] = S[j + 1:, j] / d[j]
        S[j + 1:, j + 1:] -= np.outer(L[j + 1:, j], L[j + 1:, j])
    return L
