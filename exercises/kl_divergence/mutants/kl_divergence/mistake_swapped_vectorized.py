"""KL(q || p)."""
import numpy as np


def kl_divergence(p, q):
    nz = q > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(q[nz] * (np.log(q[nz]) - np.log(p[nz]))))
