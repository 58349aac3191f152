import numpy as np


def triangle_area(p, q, r):
    m = np.array([[p[0], p[1], 1.0], [q[0], q[1], 1.0], [r[0], r[1], 1.0]])
    return abs(np.linalg.det(m)) / 2
