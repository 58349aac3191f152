import numpy as np


def triangle_area(p, q, r):
    return 0.5 * abs(np.linalg.det(np.array([q, r])))
