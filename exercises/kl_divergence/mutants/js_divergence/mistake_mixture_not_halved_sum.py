"""m = p + q, not (p + q) / 2."""
import numpy as np


def kl(a, b):
    nz = a > 0
    return np.sum(a[nz] * np.log(a[nz] / b[nz]))


def js_divergence(p, q):
    m = p + q
    return float(0.5 * (kl(p, m) + kl(q, m)))
