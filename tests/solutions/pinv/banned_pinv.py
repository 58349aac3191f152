import numpy as np


def pinv(A):
    return np.linalg.pinv(A)
