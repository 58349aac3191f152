import numpy as np


def vector_projection(a, b):
    P = np.outer(b, b) / np.dot(b, b)
    return P @ a
