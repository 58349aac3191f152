import numpy as np


def lp_norm(x, p):
    return np.sqrt(np.sum(x ** 2))
