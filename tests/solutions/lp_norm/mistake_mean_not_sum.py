import numpy as np


def lp_norm(x, p):
    a = np.abs(x)
    if np.isinf(p):
        return float(a.max())
    return float(np.mean(a ** p) ** (1 / p))
