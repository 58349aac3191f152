import numpy as np


def dot_product(a, b):
    return float(np.sum(a.astype(np.float32) * b.astype(np.float32)))
