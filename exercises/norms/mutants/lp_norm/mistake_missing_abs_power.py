"""(sum x_i^p)^(1/p) without absolute values."""
import numpy as np


def lp_norm(x, p):
    if np.isinf(p):
        return float(np.max(x))
    return float(np.sum(x ** p) ** (1 / p))
