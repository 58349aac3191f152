import numpy as np


def power_iteration(A, num_iters):
    w, V = np.linalg.eigh(A)
    k = np.argmax(np.abs(w))
    return w[k], V[:, k]
