import numpy as np


def kl_divergence(p, q):
    m = q > 0
    with np.errstate(divide="ignore"):
        return np.sum(q[m] * np.log(q[m] / p[m]))
