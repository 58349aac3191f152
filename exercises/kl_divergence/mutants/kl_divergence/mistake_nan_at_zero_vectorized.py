"""sum p log(p / q) over every entry: 0 * log 0 is NaN."""
import numpy as np


def kl_divergence(p, q):
    return float(np.sum(p * np.log(p / q)))
