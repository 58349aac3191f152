import numpy as np


def triangle_area(p, q, r):
    u = np.append(q - p, 0.0)
    v = np.append(r - p, 0.0)
    return np.float64(np.linalg.norm(np.cross(u, v)) / 2)
