"""The elementwise products, never added up."""
import numpy as np


def dot_product(a, b):
    return np.multiply(a, b)
