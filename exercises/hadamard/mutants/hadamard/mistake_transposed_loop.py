"""C[j, i] = A[i, j] * B[i, j]: the result transposed."""
import numpy as np


def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    m, n = A.shape
    C = np.zeros((n, m))
    for i in range(m):
        for j in range(n):
            C[j, i] = A[i, j] * B[i, j]
    return C
