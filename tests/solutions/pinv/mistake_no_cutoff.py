import numpy as np


def pinv(A):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return Vt.T @ np.diag(1.0 / s) @ U.T
