"""The eigenvalue as (A v)[0] / v[0]: wrong when the eigenvector's first entry is 0."""
import numpy as np


def power_iteration(A, num_iters):
    v = np.random.default_rng(0).standard_normal(A.shape[0])
    for _ in range(num_iters):
        w = A @ v
        v = w / np.sqrt(w @ w)
    return float((A @ v)[0] / v[0]), v
