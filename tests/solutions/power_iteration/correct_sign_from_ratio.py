import numpy as np


def power_iteration(A, num_iters):
    n = len(A)
    v = np.sin(3.0 * np.arange(n) + 0.5)
    v = v / np.linalg.norm(v)
    for _ in range(num_iters):
        w = np.matmul(A, v)
        v = w / np.linalg.norm(w)
    w = A @ v
    k = int(np.argmax(np.abs(v)))
    return w[k] / v[k], v
