"""The angle, not its cosine."""
import numpy as np


def cosine_similarity(a, b):
    c = np.sum(a * b) / (np.sqrt(np.sum(a * a)) * np.sqrt(np.sum(b * b)))
    return float(np.arccos(np.clip(c, -1, 1)))
