import numpy as np


def qr_decompose(A):
    m, n = A.shape
    V = np.zeros((m, n))
    R = np.eye(n)
    for j in range(n):
        v = A[:, j].astype(float)
        for i in range(j):
            R[i, j] = (V[:, i] @ A[:, j]) / (V[:, i] @ V[:, i])
            v = v - R[i, j] * V[:, i]
        V[:, j] = v
    return V, R
