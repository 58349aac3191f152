import numpy as np


def frobenius_norm(A):
    return np.sum(A * A)
