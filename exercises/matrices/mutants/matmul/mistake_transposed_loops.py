"""C[j, i] filled with row i of A times column j of B."""
import numpy as np


def matmul(A, B):
    m, k = A.shape
    n = B.shape[1]
    C = np.zeros((n, m))
    for i in range(m):
        for j in range(n):
            C[j, i] = sum(A[i, t] * B[t, j] for t in range(k))
    return C
