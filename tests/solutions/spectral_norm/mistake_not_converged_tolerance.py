import numpy as np


def spectral_norm(A):
    v = np.ones(A.shape[1]) / np.sqrt(A.shape[1])
    sigma = 0.0
    while True:
        w = A.T @ (A @ v)
        v = w / np.sqrt(np.sum(w * w))
        new = np.sqrt(np.sum((A @ v) ** 2))
        if abs(new - sigma) < 1e-4 * new:
            return new
        sigma = new
