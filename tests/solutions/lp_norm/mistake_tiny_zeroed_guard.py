import numpy as np
def lp_norm(x, p):
    a = np.abs(np.asarray(x, dtype=float)); m = a.max()
    if m < 1e-10:                 # "zero vector": avoid dividing by 0
        return 0.0
    if np.isinf(p): return float(m)
    return float(m * np.sum((a / m) ** p) ** (1 / p))
