import numpy as np


def lp_norm(x, p):
    with np.errstate(all="ignore"):
        return float(np.sum(np.abs(x) ** p) ** (1.0 / p))
