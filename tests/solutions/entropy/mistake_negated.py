import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    nz = p[p > 0]
    return np.sum(nz * np.log(nz)) / np.log(base)
