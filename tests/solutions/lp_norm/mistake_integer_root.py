import numpy as np


def lp_norm(x, p):
    a = np.abs(x)
    if np.isinf(p):
        return a.max()
    return np.sum(a ** p) ** (1 // p)
