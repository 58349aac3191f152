import numpy as np


def js_divergence(p, q):
    m = 0.5 * (p + q)
    keep = p > 0
    return np.sum(p[keep] * np.log(p[keep] / m[keep]))
