import numpy as np


def frobenius_norm(A):
    return np.linalg.svd(A, compute_uv=False)[0]
