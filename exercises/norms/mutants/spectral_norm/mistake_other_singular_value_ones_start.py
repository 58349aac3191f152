"""Power iteration on A^T A from the all-ones vector."""
import numpy as np


def spectral_norm(A):
    v = np.ones(A.shape[1])
    for _ in range(500):
        w = A.T @ (A @ v)
        n = np.sqrt(w @ w)
        if n == 0:
            return 0.0
        v = w / n
    return float(np.sqrt(np.sqrt((A @ v) @ (A @ v)) ** 2))
