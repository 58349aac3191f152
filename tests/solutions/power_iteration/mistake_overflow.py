import numpy as np


def power_iteration(A, num_iters):
    v = np.cos(np.arange(A.shape[0]) + 1.0)
    for _ in range(num_iters):
        v = A @ v
    v = v / np.linalg.norm(v)
    return float(v @ A @ v), v
