"""The gradient summed over the samples, not averaged."""
import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        g = np.zeros(d)
        for i in range(n):
            g += 2 * (X[i] @ w - y[i]) * X[i]
        w = w - lr * g
    return w
