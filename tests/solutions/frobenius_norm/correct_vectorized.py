import numpy as np


def frobenius_norm(A):
    return np.sqrt(np.sum(A ** 2))
