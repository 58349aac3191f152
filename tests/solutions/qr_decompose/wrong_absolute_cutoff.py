import numpy as np

def qr_decompose(A):
    m, n = A.shape
    Q = np.zeros((m, n)); R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].astype(float).copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ A[:, j]
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.sqrt(np.sum(v * v))
        if R[j, j] < 1e-10:
            raise ValueError("columns are linearly dependent")
        Q[:, j] = v / R[j, j]
    return Q, R
