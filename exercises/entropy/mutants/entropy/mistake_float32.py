"""In float32."""
import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=np.float32)
    p = p / p.sum()
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)) / np.float32(np.log(base)))
