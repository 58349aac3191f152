import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.empty_like(x, dtype=float)
    for i in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / 2 / h
    return grad
