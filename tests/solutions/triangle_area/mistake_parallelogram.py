import numpy as np


def triangle_area(p, q, r):
    return abs(np.linalg.det(np.array([q - p, r - p])))
