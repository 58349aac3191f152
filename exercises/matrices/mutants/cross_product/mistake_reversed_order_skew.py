"""b x a via the skew matrix of b."""
import numpy as np


def cross_product(a, b):
    S = np.array([[0, -b[2], b[1]], [b[2], 0, -b[0]], [-b[1], b[0], 0]])
    return S @ a
