import math

import numpy as np


def lp_norm(x, p):
    a = np.abs(np.asarray(x, dtype=float))
    top = a.max()
    if math.isinf(p) or top == 0:
        return float(top)
    return float(top * np.sum((a / top) ** p) ** (1.0 / p))
