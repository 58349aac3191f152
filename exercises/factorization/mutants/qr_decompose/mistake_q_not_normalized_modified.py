"""Modified Gram-Schmidt that projects on each v before normalizing it."""
import numpy as np


def qr_decompose(A):
    m, n = A.shape
    Q = np.array(A, dtype=float)
    R = np.zeros((n, n))
    for j in range(n):
        R[j, j] = np.sqrt(Q[:, j] @ Q[:, j])
        for k in range(j + 1, n):
            R[j, k] = Q[:, j] @ Q[:, k] / R[j, j]
            Q[:, k] -= R[j, k] * Q[:, j] / R[j, j]
    return Q, R
