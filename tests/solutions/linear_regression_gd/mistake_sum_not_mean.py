import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        w = w - lr * 2 * X.T @ (X @ w - y)
    return w
