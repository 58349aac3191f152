import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s_inv = np.zeros_like(s)
    s_inv[s > 1e-6 * s.max()] = 1.0 / s[s > 1e-6 * s.max()]
    return (Vt.T * s_inv) @ U.T
