"""The matrix product, in loops."""
import numpy as np


def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    m, n = A.shape
    C = np.zeros((m, B.shape[1]))
    for i in range(m):
        for j in range(B.shape[1]):
            C[i, j] = sum(A[i, k] * B[k, j] for k in range(n))
    return C
