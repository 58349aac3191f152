import numpy as np


def eig_symmetric(A):
    w, v = np.linalg.eigh(A)
    return w, v.T
