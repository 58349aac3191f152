import numpy as np


def spectral_norm(A):
    if A.shape[0] == A.shape[1]:
        return float(np.max(np.abs(np.linalg.eigvals(A))))
    return np.linalg.svd(A, compute_uv=False)[0]
