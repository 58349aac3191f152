import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A)
    m, n = A.shape
    B = [[0.0] * n for _ in range(m)]
    for t in range(k):
        for i in range(m):
            for j in range(n):
                B[i][j] += s[t] * U[i, t] * Vt[t, j]
    return B
