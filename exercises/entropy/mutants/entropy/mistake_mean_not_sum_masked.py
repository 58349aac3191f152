"""The mean of the terms -p log p instead of their sum."""
import numpy as np


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    p = p / p.sum()
    terms = np.zeros_like(p)
    nz = p > 0
    terms[nz] = -p[nz] * np.log(p[nz]) / np.log(base)
    return float(np.mean(terms))
