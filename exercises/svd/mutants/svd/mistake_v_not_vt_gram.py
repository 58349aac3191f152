"""Eigenvectors of A^T A as V, returned where Vt belongs."""
import numpy as np


def svd(A):
    lam, V = np.linalg.eigh(A.T @ A)
    order = np.argsort(lam)[::-1]
    lam, V = np.clip(lam[order], 0, None), V[:, order]
    s = np.sqrt(lam)
    U = (A @ V) / s
    return U, s, V
