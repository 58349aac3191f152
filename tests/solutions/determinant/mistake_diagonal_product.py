import numpy as np


def determinant(A):
    return float(np.prod(np.diag(A)))
