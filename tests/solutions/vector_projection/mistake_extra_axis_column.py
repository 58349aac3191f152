import numpy as np


def vector_projection(a, b):
    b = b.reshape(-1, 1)
    return b @ (b.T @ a.reshape(-1, 1)) / np.sum(b * b)
