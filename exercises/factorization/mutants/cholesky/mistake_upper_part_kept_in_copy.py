"""Factored in a copy of A, whose upper triangle is left as it was."""
import numpy as np


def cholesky(A):
    L = np.array(A, dtype=float)
    n = len(L)
    for j in range(n):
        L[j, j] = np.sqrt(L[j, j] - L[j, :j] @ L[j, :j])
        for i in range(j + 1, n):
            L[i, j] = (L[i, j] - L[i, :j] @ L[j, :j]) / L[j, j]
    return L
