import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        residual = np.einsum("ij,j->i", X, w) - y
        grad = 2 * np.mean(X * residual[:, None], axis=0)
        w -= lr * grad
    return w
