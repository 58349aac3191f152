import numpy as np


def spectral_norm(A):
    return np.sqrt(np.sum(A * A))
