import numpy as np


def svd(A):
    a = A.astype(np.float32)
    k = min(A.shape)
    w, v = np.linalg.eigh(a.T @ a)
    w, v = w[::-1][:k], v[:, ::-1][:, :k]
    s = np.sqrt(np.clip(w, 0, None))
    return a @ v / s, s, v.T
