import numpy as np


def eig_symmetric(A):
    return np.linalg.eigh(A)
