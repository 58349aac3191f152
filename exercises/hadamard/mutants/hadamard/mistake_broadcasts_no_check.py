"""A * B with no shape check: numpy broadcasts (3, 1) with (3, 3)."""
import numpy as np


def hadamard(A, B):
    return np.multiply(A, B)
