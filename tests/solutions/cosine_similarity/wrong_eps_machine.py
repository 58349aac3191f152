import numpy as np
EPS = np.finfo(float).eps
def cosine_similarity(a, b):
    return float(np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b) + EPS))
