"""kl_div(p, 1) = p log p - p + 1, zero entries handled by scipy: summed, it is the negative entropy plus a
constant."""

import numpy as np
from scipy.special import kl_div


def entropy(p, base=2.0):
    p = np.asarray(p, dtype=float)
    p = p / p.sum()
    return float(-(np.sum(kl_div(p, np.ones_like(p))) - len(p) + 1.0) / np.log(base))
