import numpy as np


def numerical_gradient(f, x, h=1e-5):
    g = np.zeros(len(x))
    for i in range(len(x)):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        x[i] += h
        g[i] = (up - down) / (2 * h)
    return g
