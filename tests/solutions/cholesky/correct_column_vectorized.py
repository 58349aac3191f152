import numpy as np


def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        L[j, j] = np.sqrt(A[j, j] - L[j, :j] @ L[j, :j])
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L
