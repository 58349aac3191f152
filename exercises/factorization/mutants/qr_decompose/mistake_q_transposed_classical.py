"""Classical Gram-Schmidt storing the orthonormal vectors as the rows of Q."""
import numpy as np


def qr_decompose(A):
    m, n = A.shape
    Q = np.zeros((n, m))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].astype(float)
        for i in range(j):
            R[i, j] = Q[i] @ A[:, j]
            v = v - R[i, j] * Q[i]
        R[j, j] = np.sqrt(v @ v)
        Q[j] = v / R[j, j]
    return Q, R
