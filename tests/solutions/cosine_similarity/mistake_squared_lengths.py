import numpy as np


def cosine_similarity(a, b):
    return np.dot(a, b) / (np.dot(a, a) * np.dot(b, b))
