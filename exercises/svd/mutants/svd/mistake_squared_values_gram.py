"""The eigenvalues of A^T A as the singular values."""
import numpy as np


def svd(A):
    lam, V = np.linalg.eigh(A.T @ A)
    order = np.argsort(lam)[::-1]
    lam, V = lam[order], V[:, order]
    U = (A @ V) / np.sqrt(lam)
    return U, lam, V.T
