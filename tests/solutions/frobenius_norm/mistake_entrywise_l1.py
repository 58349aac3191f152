import numpy as np


def frobenius_norm(A):
    return np.abs(A).sum()
