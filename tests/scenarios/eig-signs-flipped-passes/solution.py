import numpy as np


def eig_symmetric(A):
    w, V = np.linalg.eigh(A)
    signs = np.where(np.arange(len(w)) % 2 == 0, -1.0, 1.0)
    return w.tolist(), V * signs
