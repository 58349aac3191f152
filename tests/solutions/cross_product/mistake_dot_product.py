import numpy as np


def cross_product(a, b):
    return float(np.sum(a * b))
