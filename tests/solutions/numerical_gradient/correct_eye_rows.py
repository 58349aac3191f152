import numpy as np


def numerical_gradient(f, x, h=1e-5):
    steps = h * np.eye(len(x))
    return [(f(x + s) - f(x - s)) / (2 * h) for s in steps]
