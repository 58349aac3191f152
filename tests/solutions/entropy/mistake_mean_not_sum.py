import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float) / np.sum(p)
    terms = np.zeros_like(p)
    terms[p > 0] = -p[p > 0] * np.log(p[p > 0])
    return np.mean(terms) / np.log(base)
