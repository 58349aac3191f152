"""The root of the mean square."""
import numpy as np


def frobenius_norm(A):
    return float(np.sqrt(np.mean(A ** 2)))
