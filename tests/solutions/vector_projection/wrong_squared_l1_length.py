import numpy as np
def vector_projection(a, b):
    return np.dot(a, b) / np.sum(np.abs(b))**2 * b
