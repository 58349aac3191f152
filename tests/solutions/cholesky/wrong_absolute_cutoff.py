import numpy as np

def cholesky(A):
    n = A.shape[0]
    L = np.zeros_like(A, dtype=float)
    for j in range(n):
        d = A[j, j] - np.sum(L[j, :j] ** 2)
        if d <= 1e-10:
            raise ValueError("matrix is not positive definite")
        L[j, j] = np.sqrt(d)
        for i in range(j + 1, n):
            L[i, j] = (A[i, j] - np.sum(L[i, :j] * L[j, :j])) / L[j, j]
    return L
