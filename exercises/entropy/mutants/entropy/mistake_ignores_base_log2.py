"""Always in bits: the base argument ignored."""
import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    p = p / p.sum()
    nz = p[p > 0]
    return float(-np.sum(nz * np.log2(nz)))
