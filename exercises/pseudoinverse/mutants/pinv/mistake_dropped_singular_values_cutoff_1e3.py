"""A relative cutoff of 1e-3: genuine small singular values are dropped."""
import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > 1e-3 * s[0] if s.size else s > 0
    inv = np.zeros_like(s)
    inv[keep] = 1 / s[keep]
    return Vt.T @ np.diag(inv) @ U.T
