import numpy as np


def frobenius_norm(A):
    return np.max(np.sum(np.abs(A), axis=1))
