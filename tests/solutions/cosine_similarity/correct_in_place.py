import numpy as np


def cosine_similarity(a, b):
    a /= np.linalg.norm(a)
    b /= np.linalg.norm(b)
    return float(np.sum(a * b))
