import numpy as np


def frobenius_norm(A):
    return np.linalg.matrix_norm(A)
