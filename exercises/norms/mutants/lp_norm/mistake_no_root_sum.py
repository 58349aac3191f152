"""sum |x_i|^p, the 1/p-th power forgotten."""
import numpy as np


def lp_norm(x, p):
    if np.isinf(p):
        return float(np.max(np.abs(x)))
    return float(np.sum(np.abs(x) ** p))
