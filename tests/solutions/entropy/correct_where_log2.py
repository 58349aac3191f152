import numpy as np


def entropy(p, base=2.0):
    p = np.array(p, dtype=float)
    p /= np.sum(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(p), 0.0)
    return float(-terms.sum() / np.log2(base))
