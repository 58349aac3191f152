"""-sum p log p over every entry: 0 * log 0 is NaN."""
import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    p = p / p.sum()
    return float(-np.sum(p * np.log(p)) / np.log(base))
