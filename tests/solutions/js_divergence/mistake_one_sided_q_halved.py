import numpy as np


def js_divergence(p, q):
    m = (p + q) / 2
    mask = q > 0
    return 0.5 * float(np.sum(q[mask] * np.log(q[mask] / m[mask])))
