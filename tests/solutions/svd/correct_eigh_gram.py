import numpy as np


def svd(A):
    # the textbook route: V from eigh(A^T A) even when A is wide, U = A V / s
    k = min(A.shape)
    w, v = np.linalg.eigh(A.T @ A)
    order = np.argsort(w)[::-1][:k]
    s = np.sqrt(np.maximum(w[order], 0.0))
    v = v[:, order]
    u = A @ v / s
    return u, s, v.T
