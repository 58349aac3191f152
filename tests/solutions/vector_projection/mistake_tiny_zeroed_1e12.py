import numpy as np
def vector_projection(a, b):
    c = np.dot(a, b) / np.dot(b, b)
    p = c * b
    p[np.abs(p) < 1e-12] = 0.0
    return p
