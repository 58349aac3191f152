import numpy as np


def spectral_norm(A):
    return np.abs(A).max()
