import numpy as np


def power_iteration(A, num_iters):
    v = np.ones(len(A)) / np.sqrt(len(A))
    lam = 0.0
    for _ in range(num_iters):
        w = A.dot(v)
        lam = v.dot(w)
        v = w / np.sqrt(w.dot(w))
    lam = v.dot(A.dot(v))
    return (np.float64(lam), -v)
