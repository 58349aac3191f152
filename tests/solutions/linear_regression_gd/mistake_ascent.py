import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        w = w - lr * (2 / n) * X.T @ (y - X @ w)
    return w
