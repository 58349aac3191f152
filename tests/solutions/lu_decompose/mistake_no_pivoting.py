import numpy as np


def lu_decompose(A):
    n = A.shape[0]
    U = A.astype(float)
    L = np.eye(n)
    for k in range(n - 1):
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    return np.eye(n), L, np.triu(U)
