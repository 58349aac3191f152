import numpy as np


def _h(x):
    x = x[x > 0]
    return -np.sum(x * np.log(x))


def js_divergence(p, q):
    # JS = H(m) - (H(p) + H(q)) / 2
    return _h((p + q) / 2) - (_h(p) + _h(q)) / 2
