import numpy as np
def vector_projection(a, b):
    return (np.sum(a * b) / (np.sum(b * b) + np.finfo(float).eps)) * b
