import numpy as np


def cosine_similarity(a, b):
    return np.dot(a, b) / (np.sum(np.abs(a)) * np.sum(np.abs(b)))
