import numpy as np


def spectral_norm(A):
    return np.linalg.eigvalsh(A.T @ A).max()
