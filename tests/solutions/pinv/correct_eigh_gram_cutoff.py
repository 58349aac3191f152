import numpy as np


def pinv(A):
    # SVD from eigh(A^T A); its zero singular values come out near 1e-8 * s_max, so cut at 1e-7
    w, V = np.linalg.eigh(A.T @ A)
    s = np.sqrt(np.clip(w, 0.0, None))
    keep = s > 1e-7 * s.max()
    V, s = V[:, keep], s[keep]
    U = A @ V / s
    return V @ np.diag(1 / s) @ U.T
