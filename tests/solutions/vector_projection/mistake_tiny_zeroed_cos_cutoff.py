import numpy as np
def vector_projection(a, b):
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    if abs(cos) < 1e-3:
        return np.zeros_like(a)
    return (np.sum(a * b) / np.sum(b * b)) * b
