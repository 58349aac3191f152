"""Power iteration from a random vector, dividing by a norm that is 0 for a zero matrix."""
import numpy as np


def spectral_norm(A):
    v = np.random.default_rng(0).standard_normal(A.shape[1])
    for _ in range(1000):
        w = A.T @ (A @ v)
        v = w / np.sqrt(w @ w)
    Av = A @ v
    return float(np.sqrt(Av @ Av))
