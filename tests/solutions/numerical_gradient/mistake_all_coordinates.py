import numpy as np


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros(len(x))
    for i in range(len(x)):
        g[i] = (f(x + h) - f(x - h)) / (2 * h)
    return g
