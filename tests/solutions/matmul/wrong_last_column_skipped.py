import numpy as np
def matmul(A, B):
    m, k = A.shape; n = B.shape[1]
    C = np.zeros((m, n))
    for i in range(m):
        for j in range(n - 1):
            for p in range(k):
                C[i, j] += A[i, p] * B[p, j]
    return C
