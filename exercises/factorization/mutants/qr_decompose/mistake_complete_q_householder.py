"""Householder reflections, returning the complete m x m Q and m x n R."""
import numpy as np


def qr_decompose(A):
    m, n = A.shape
    R = np.array(A, dtype=float)
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        v = x.copy()
        v[0] += np.copysign(np.sqrt(x @ x), x[0])
        v /= np.sqrt(v @ v)
        R[k:] -= 2 * np.outer(v, v @ R[k:])
        Q[:, k:] -= 2 * np.outer(Q[:, k:] @ v, v)
    return Q, R
