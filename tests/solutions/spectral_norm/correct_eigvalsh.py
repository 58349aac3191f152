import numpy as np


def spectral_norm(A):
    return float(np.sqrt(np.linalg.eigvalsh(A.T @ A)[-1]))
