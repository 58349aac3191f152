"""B times A."""
import numpy as np


def matmul(A, B):
    A, B = B, A
    m, k = A.shape
    n = B.shape[1]
    C = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            C[i, j] = np.sum(A[i, :] * B[:, j])
    return C
