import numpy as np


def svd(A):
    """Power iteration on A^T A for one singular triplet at a time, deflating A after each."""
    A = np.array(A, dtype=float)
    m, n = A.shape
    k = min(m, n)
    rest = A.copy()
    U, s, V = np.zeros((m, k)), np.zeros(k), np.zeros((n, k))
    for i in range(k):
        v = np.cos(np.arange(n) + 1.0 + i)
        v /= np.linalg.norm(v)
        for _ in range(300):
            v = rest.T @ (rest @ v)
            v /= np.linalg.norm(v)
        u = rest @ v
        s[i] = np.linalg.norm(u)
        U[:, i], V[:, i] = u / s[i], v
        rest -= s[i] * np.outer(U[:, i], v)
    return U, s, V.T
