import numpy as np


def condition_number(A):
    s = np.linalg.svd(A.astype(np.float32), compute_uv=False)
    return s[0] / s[-1]
