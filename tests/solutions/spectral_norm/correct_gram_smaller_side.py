import numpy as np


def spectral_norm(A):
    G = A @ A.T if A.shape[0] < A.shape[1] else A.T @ A
    return float(np.sqrt(np.max(np.linalg.eigvalsh(G))))
