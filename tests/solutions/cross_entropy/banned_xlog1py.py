"""xlog1py(p, q - 1) is p log q with 0 where p = 0: the library handles the zeros the exercise is about."""

import numpy as np
from scipy.special import xlog1py

def cross_entropy(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    return float(-np.sum(xlog1py(p, q - 1)))
