"""The eigenvalue as ||A v||: its sign is lost."""
import numpy as np


def power_iteration(A, num_iters):
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    v = v + 0.1 * np.arange(A.shape[0])
    v /= np.sqrt(v @ v)
    for _ in range(num_iters):
        w = A @ v
        v = w / np.sqrt(w @ w)
    w = A @ v
    return float(np.sqrt(w @ w)), v
