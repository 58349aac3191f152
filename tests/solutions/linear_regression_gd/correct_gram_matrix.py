import numpy as np


def linear_regression_gd(X, y, lr, epochs):
    # precompute X^T X and X^T y once: the gradient is (2/n)(X^T X w - X^T y)
    n = X.shape[0]
    gram = X.T.dot(X)
    xty = X.T.dot(y)
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        w = w - lr * (2.0 / n) * (gram.dot(w) - xty)
    return w
