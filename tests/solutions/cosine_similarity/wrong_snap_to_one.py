import numpy as np
def cosine_similarity(a, b):
    c = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b))
    if abs(abs(c) - 1) < 1e-4:
        return float(np.sign(c))
    return float(c)
