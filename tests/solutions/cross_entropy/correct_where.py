import numpy as np


def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any((q == 0) & (p > 0)):
        return float("inf")
    safe_q = np.where(p > 0, q, 1.0)
    return float(-np.sum(np.where(p > 0, p * np.log(safe_q), 0.0)))
