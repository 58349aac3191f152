import numpy as np


def lp_norm(x, p):
    if np.isinf(p):
        p = 50
    return float(np.sum(np.abs(x) ** p) ** (1 / p))
