import numpy as np


def kl_divergence(p, q):
    m = p > 0
    return np.sum(p[m] * np.log(p[m] / np.clip(q[m], 1e-10, None)))
