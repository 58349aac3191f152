import numpy as np


def least_squares(A, b):
    return np.linalg.lstsq(A, b, rcond=None)[0]
