import numpy as np


def power_iteration(A, num_iters):
    n = len(A)
    shift = np.sum(np.abs(A))
    B = A + shift * np.eye(n)
    v = np.ones(n) / np.sqrt(n)
    for _ in range(num_iters * 50):
        w = B @ v
        v = w / np.linalg.norm(w)
    return float(v @ A @ v), v
