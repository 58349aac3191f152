import numpy as np


def svd(A):
    # U and V each from their own (non-symmetric) eigen-solver: signs unrelated
    k = min(A.shape)
    w, V = np.linalg.eig(A.T @ A)
    order = np.argsort(w.real)[::-1][:k]
    V = V[:, order].real
    w2, U = np.linalg.eig(A @ A.T)
    U = U[:, np.argsort(w2.real)[::-1][:k]].real
    return U, np.sqrt(np.abs(w.real[order])), V.T
