import numpy as np


def spectral_norm(A):
    v = np.ones(A.shape[1])
    for _ in range(100):
        v = A.T @ (A @ v)
        v = v / np.sqrt(np.sum(v * v))
    w = A @ v
    return float(np.sqrt(np.sum(w * w)))
