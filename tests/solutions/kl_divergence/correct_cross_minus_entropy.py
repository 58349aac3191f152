import numpy as np


def kl_divergence(p, q):
    # KL(p || q) = H(p, q) - H(p)
    m = p > 0
    with np.errstate(divide="ignore"):
        cross = -np.sum(p[m] * np.log(q[m]))
    if np.isinf(cross):
        return cross
    return cross + np.sum(p[m] * np.log(p[m]))
