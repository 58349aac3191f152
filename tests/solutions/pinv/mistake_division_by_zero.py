import numpy as np


def pinv(A):
    # SVD via eigh(A^T A) without a cutoff: sqrt of tiny negative eigenvalues, 1/0
    w, V = np.linalg.eigh(A.T @ A)
    s = np.sqrt(w)
    U = A @ V / s
    return V @ np.diag(1 / s) @ U.T
