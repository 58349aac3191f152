"""x in float32: the differences drown in rounding."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    x = np.array(x, dtype=np.float32)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g
