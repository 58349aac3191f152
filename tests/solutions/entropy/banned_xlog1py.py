"""xlog1py(p, q - 1) is p log q with 0 where p = 0: the library handles the zeros the exercise is about."""

import numpy as np
from scipy.special import xlog1py

def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    p = p / p.sum()
    return float(-np.sum(xlog1py(p, p - 1)) / np.log(base))
