import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > 1e-10 * s[0]
    return Vt[keep].T @ np.diag(1.0 / s[keep]) @ U[:, keep].T
