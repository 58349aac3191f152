import numpy as np


def cosine_similarity(a, b):
    ua = a / np.sqrt(np.sum(a ** 2))
    ub = b / np.sqrt(np.sum(b ** 2))
    return float(np.clip(np.sum(ua * ub), -1.0, 1.0))
