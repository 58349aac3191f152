import numpy as np


def svd(A):
    k = min(A.shape)
    w, v = np.linalg.eigh(A.T @ A)
    idx = np.argsort(w)[::-1]
    w, v = w[idx], v[:, idx]
    w2, u = np.linalg.eigh(A @ A.T)
    idx2 = np.argsort(w2)[::-1]
    u = u[:, idx2]
    s = np.sqrt(np.clip(w[:k], 0, None))
    return u[:, :k], s, v[:, :k].T
