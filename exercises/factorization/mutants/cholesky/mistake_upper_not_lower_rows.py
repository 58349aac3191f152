"""Cholesky-Banachiewicz by rows, returning the upper factor U = L.T."""
import numpy as np


def cholesky(A):
    n = len(A)
    U = np.zeros((n, n))
    for i in range(n):
        U[i, i] = np.sqrt(A[i, i] - U[:i, i] @ U[:i, i])
        for j in range(i + 1, n):
            U[i, j] = (A[i, j] - U[:i, i] @ U[:i, j]) / U[i, i]
    return U
