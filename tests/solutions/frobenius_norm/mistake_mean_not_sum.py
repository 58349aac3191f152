import numpy as np


def frobenius_norm(A):
    return np.sqrt(np.mean(A ** 2))
