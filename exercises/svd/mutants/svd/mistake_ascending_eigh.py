"""Singular values in eigh's ascending order."""
import numpy as np


def svd(A):
    lam, V = np.linalg.eigh(A.T @ A)
    s = np.sqrt(np.clip(lam, 0, None))
    U = (A @ V) / s
    return U, s, V.T
