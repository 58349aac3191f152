import numpy as np


def svd(A):
    # singular values from the diagonal after a QR step: can be negative
    k = min(A.shape)
    w, v = np.linalg.eigh(A.T @ A)
    w, v = w[::-1][:k], v[:, ::-1][:, :k]
    s = np.sqrt(np.clip(w, 0, None))
    u = A @ v / s
    return -u, -s, v.T
