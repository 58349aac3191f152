import numpy as np


def svd(A):
    w, v = np.linalg.eigh(A.T @ A)
    w, v = w[::-1], v[:, ::-1]
    k = min(A.shape)
    s = np.sqrt(np.abs(w[:k]))
    v = -v[:, :k]
    u = A @ v / s
    signs = np.where(np.arange(k) % 2 == 0, 1.0, -1.0)
    return [(u * signs).tolist(), [float(x) for x in s], (v * signs).T.tolist()]
