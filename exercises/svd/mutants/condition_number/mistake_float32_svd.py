"""The singular values in float32."""
import numpy as np


def condition_number(A):
    s = np.linalg.svd(A.astype(np.float32), compute_uv=False)
    return float(s[0] / s[-1])
