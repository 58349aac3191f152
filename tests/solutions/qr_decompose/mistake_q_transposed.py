import numpy as np


def qr_decompose(A):
    m, n = A.shape
    Q = np.zeros((n, m))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[i] @ v
            v -= R[i, j] * Q[i]
        R[j, j] = np.linalg.norm(v)
        Q[j] = v / R[j, j]
    return Q, R
