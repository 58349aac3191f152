import numpy as np


def _kl(a, b):
    m = a > 0
    return np.sum(a[m] * np.log(a[m] / b[m]))


def js_divergence(p, q):
    m = 0.5 * (p + q)
    return 0.5 * _kl(p, m) + 0.5 * _kl(q, m)
