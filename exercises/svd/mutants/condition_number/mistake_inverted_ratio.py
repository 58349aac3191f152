"""sigma_min / sigma_max."""
import numpy as np


def condition_number(A):
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[-1] / s[0])
