import numpy as np


def vector_projection(a, b):
    b *= np.dot(a, b) / np.dot(b, b)
    return b
