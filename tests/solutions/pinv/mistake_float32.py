import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A.astype(np.float32), full_matrices=False)
    keep = s > 1e-5 * s[0]
    return (Vt[keep].T / s[keep]) @ U[:, keep].T
