import numpy as np


def _kl(a, b):
    m = a > 0
    with np.errstate(divide="ignore"):
        return np.sum(a[m] * np.log(a[m] / b[m]))


def js_divergence(p, q):
    return 0.5 * _kl(p, q) + 0.5 * _kl(q, p)
