import numpy as np


def svd(A):
    k = min(A.shape)
    w, v = np.linalg.eigh(A.T @ A)
    w, v = w[-k:], v[:, -k:]   # kept in eigh's ascending order
    s = np.sqrt(np.clip(w, 0, None))
    return A @ v / s, s, v.T
