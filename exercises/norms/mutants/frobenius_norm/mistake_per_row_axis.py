"""The length of each row."""
import numpy as np


def frobenius_norm(A):
    return np.sqrt(np.sum(A ** 2, axis=1))
