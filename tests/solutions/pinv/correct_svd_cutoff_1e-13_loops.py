import numpy as np


def pinv(A):
    # sum of v_i u_i^T / s_i over the nonzero singular values, in Python loops
    U, s, Vt = np.linalg.svd(A)
    m, n = A.shape
    X = [[0.0] * m for _ in range(n)]
    for t in range(min(m, n)):
        if s[t] <= 1e-13 * s[0]:
            continue
        for i in range(n):
            for j in range(m):
                X[i][j] += Vt[t, i] * U[j, t] / s[t]
    return X
