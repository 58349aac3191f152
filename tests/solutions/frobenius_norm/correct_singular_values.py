import numpy as np


def frobenius_norm(A):
    s = np.linalg.svd(A, compute_uv=False)
    return float(np.sqrt(np.sum(s ** 2)))
