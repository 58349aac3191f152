import numpy as np


def svd(A):
    # full SVD: all m columns of U and all n rows of Vt
    m, n = A.shape
    k = min(m, n)
    w, v = np.linalg.eigh(A.T @ A)
    w, v = w[::-1], v[:, ::-1]
    s = np.sqrt(np.clip(w[:k], 0, None))
    u_k = A @ v[:, :k] / s
    q, _ = np.linalg.qr(np.hstack([u_k, np.eye(m)]))
    u = np.hstack([u_k, q[:, k:m]])
    return u, s, v.T
