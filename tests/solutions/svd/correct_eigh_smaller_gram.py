import numpy as np


def svd(A):
    # eigh of the smaller Gram matrix; the other factor from A v = s u (or A^T u = s v)
    m, n = A.shape
    if m >= n:
        w, v = np.linalg.eigh(A.T @ A)
        w, v = w[::-1], v[:, ::-1]
        s = np.sqrt(np.clip(w, 0, None))
        return (A @ v) / s, s, v.T
    w, u = np.linalg.eigh(A @ A.T)
    w, u = w[::-1], u[:, ::-1]
    s = np.sqrt(np.clip(w, 0, None))
    vt = (A.T @ u / s).T
    return u, s, vt
