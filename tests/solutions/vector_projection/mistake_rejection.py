import numpy as np


def vector_projection(a, b):
    return a - np.dot(a, b) / np.dot(b, b) * b
