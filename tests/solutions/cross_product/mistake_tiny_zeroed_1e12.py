import numpy as np
def cross_product(a, b):
    c = np.array([a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]])
    c[np.abs(c) < 1e-12] = 0
    return c
