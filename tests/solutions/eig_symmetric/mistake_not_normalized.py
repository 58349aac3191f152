import numpy as np


def eig_symmetric(A):
    w, v = np.linalg.eigh(A)
    return w, v * np.arange(2.0, 2.0 + len(w))
