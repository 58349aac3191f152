import numpy as np


def cross_product(a, b):
    M = np.array([a, b])
    return np.array([np.linalg.det(np.delete(M, i, axis=1)) * (-1) ** i for i in range(3)])
