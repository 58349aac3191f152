"""The mean of the products."""
import numpy as np


def dot_product(a, b):
    return float(np.mean(a * b))
