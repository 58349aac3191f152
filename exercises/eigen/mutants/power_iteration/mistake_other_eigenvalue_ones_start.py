"""Started from the all-ones vector: stuck where it is an eigenvector that is not the dominant one."""
import numpy as np


def power_iteration(A, num_iters):
    v = np.ones(A.shape[0])
    for _ in range(num_iters):
        w = A @ v
        v = w / np.sqrt(w @ w)
    return float(v @ A @ v), v
