import numpy as np


def dot_product(a, b):
    return np.sum(a * b)
