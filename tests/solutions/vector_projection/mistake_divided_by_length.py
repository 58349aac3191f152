import numpy as np


def vector_projection(a, b):
    return np.dot(a, b) / np.linalg.norm(b) * b
