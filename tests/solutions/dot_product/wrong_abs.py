import numpy as np


def dot_product(a, b):
    return float(np.sum(np.abs(a * b)))
