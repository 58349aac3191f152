"""U diag(1/s) Vt, the factors in the wrong order (the transpose of A^+)."""
import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    inv = np.where(s > 1e-10 * s.max(), 1 / np.where(s > 0, s, 1), 0.0)
    return U @ np.diag(inv) @ Vt
