import numpy as np


def power_iteration(A, num_iters):
    rng = np.random.default_rng()
    v = rng.standard_normal(A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    return v @ A @ v, v
