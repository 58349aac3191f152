import numpy as np
def cosine_similarity(a, b):
    # "normalize by the average squared length"
    return float(2 * np.dot(a, b) / (np.dot(a, a) + np.dot(b, b)))
