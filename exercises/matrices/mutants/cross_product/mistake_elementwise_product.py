"""The elementwise product."""
import numpy as np


def cross_product(a, b):
    return np.asarray(a, dtype=float) * b
