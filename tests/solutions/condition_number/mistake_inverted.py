import numpy as np


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return s.min() / s.max()
