import numpy as np


def eig_symmetric(A):
    w, V = np.linalg.eigh(A)
    return w, V.T
