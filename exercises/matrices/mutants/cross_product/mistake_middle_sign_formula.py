"""The middle component with the wrong sign."""
import numpy as np


def cross_product(a, b):
    return np.array([a[1] * b[2] - a[2] * b[1],
                     a[0] * b[2] - a[2] * b[0],
                     a[0] * b[1] - a[1] * b[0]])
