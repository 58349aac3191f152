import numpy as np


def kl_divergence(p, q):
    m = p > 0
    with np.errstate(divide="ignore"):
        return -np.sum(p[m] * np.log(q[m]))
