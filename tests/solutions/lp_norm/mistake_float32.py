import numpy as np


def lp_norm(x, p):
    a = np.abs(x).astype(np.float32)
    if np.isinf(p):
        return float(a.max()) * (1 + 1e-7)
    return float(np.sum(a ** np.float32(p)) ** np.float32(1.0 / p))
