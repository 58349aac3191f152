import numpy as np


def spectral_norm(A):
    return np.sqrt(np.linalg.eigvals(A.T @ A).max())
