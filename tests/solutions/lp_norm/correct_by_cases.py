import numpy as np


def lp_norm(x, p):
    if p == 1:
        return float(np.sum(np.abs(x)))
    if p == 2:
        return float(np.sqrt(np.sum(x * x)))
    if p == np.inf:
        return float(np.max(np.abs(x)))
    return float(np.power(np.sum(np.power(np.abs(x), p)), 1 / p))
