"""q clipped to 1e-12: an infinite divergence comes out finite."""
import numpy as np


def kl_divergence(p, q):
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / np.clip(q[nz], 1e-12, None))))
