import numpy as np


def pinv(A):
    return np.linalg.lstsq(A, np.eye(A.shape[0]), rcond=None)[0]
