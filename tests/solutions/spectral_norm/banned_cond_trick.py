import numpy as np


def spectral_norm(A):
    return np.linalg.cond(A) * np.linalg.svd(A, compute_uv=False)[-1]
