"""-sum p log q over every entry: 0 * log 0 is NaN where p and q are both 0."""
import numpy as np


def cross_entropy(p, q):
    return float(-np.sum(p * np.log(q)))
