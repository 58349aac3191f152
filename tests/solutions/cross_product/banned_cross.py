import numpy as np


def cross_product(a, b):
    return np.cross(a, b)
