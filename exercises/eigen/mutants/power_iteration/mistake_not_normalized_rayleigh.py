"""Each step divided by the largest entry (not the length): v is not of unit length."""
import numpy as np


def power_iteration(A, num_iters):
    v = np.random.default_rng(1).standard_normal(A.shape[0])
    for _ in range(num_iters):
        w = A @ v
        v = w / w[np.argmax(np.abs(w))]
    return float(v @ A @ v / (v @ v)), v
