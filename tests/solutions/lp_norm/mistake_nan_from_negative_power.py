import numpy as np


def lp_norm(x, p):
    if np.isinf(p):
        return np.max(np.abs(x))
    return np.sum(x ** p) ** (1.0 / p)
