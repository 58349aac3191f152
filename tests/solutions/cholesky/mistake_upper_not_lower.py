import numpy as np


def cholesky(A):
    n = A.shape[0]
    U = np.zeros((n, n))
    for i in range(n):
        U[i, i] = np.sqrt(A[i, i] - U[:i, i] @ U[:i, i])
        U[i, i + 1:] = (A[i, i + 1:] - U[:i, i] @ U[:i, i + 1:]) / U[i, i]
    return U
