import numpy as np


def dot_product(a, b):
    return float(np.multiply(a, b).sum())
