import numpy as np


def svd(A):
    k = min(A.shape)
    w, v = np.linalg.eigh(A.T @ A)
    w, v = w[::-1][:k], v[:, ::-1][:, :k]
    s = np.sqrt(np.clip(w, 0, None))
    return A @ v / s, w, v.T
