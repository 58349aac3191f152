import numpy as np
def cosine_similarity(a, b):
    c = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    if abs(c) < 1e-3:
        return 0.0
    return float(c)
