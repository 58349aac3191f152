import numpy as np


def cross_entropy(p, q):
    return -np.sum(p * np.log(q))
