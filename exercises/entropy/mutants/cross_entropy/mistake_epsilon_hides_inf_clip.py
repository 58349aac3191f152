"""log(q + 1e-12): finite where the answer is infinite."""
import numpy as np


def cross_entropy(p, q):
    nz = p > 0
    return float(-np.sum(p[nz] * np.log(q[nz] + 1e-12)))
