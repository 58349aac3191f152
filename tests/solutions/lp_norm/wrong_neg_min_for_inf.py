import numpy as np
def lp_norm(x, p):
    if p == np.inf:
        return float(-np.min(x))
    return float(np.sum(np.abs(x) ** p) ** (1 / p))
