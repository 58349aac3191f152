import numpy as np


def vector_projection(a, b):
    u = b / np.linalg.norm(b)
    return np.dot(a, u) * u
