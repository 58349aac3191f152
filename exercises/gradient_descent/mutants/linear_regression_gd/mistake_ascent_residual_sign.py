"""The residual taken as y - X w without changing the update's sign: ascent."""
import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        w = w - lr * 2 * X.T @ (y - X @ w) / n
    return w
