import numpy as np
def vector_projection(a, b):
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    if abs(abs(cos) - 1) < 1e-4:
        return a.copy()
    return (np.sum(a * b) / np.sum(b * b)) * b
