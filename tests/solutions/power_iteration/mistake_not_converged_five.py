import numpy as np


def power_iteration(A, num_iters):
    v = np.cos(np.arange(A.shape[0]) + 1.0)
    v /= np.linalg.norm(v)
    for _ in range(5):
        w = A @ v
        v = w / np.linalg.norm(w)
    return float(v @ A @ v), v
