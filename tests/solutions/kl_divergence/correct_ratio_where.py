import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if np.any((p > 0) & (q == 0)):
        return np.inf
    ratio = np.divide(p, q, out=np.ones_like(p), where=p > 0)
    return float(np.sum(np.where(p > 0, p * np.log(ratio), 0.0)))
