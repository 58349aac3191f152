import numpy as np

def linear_regression_gd(X, y, lr, epochs):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        g = 2.0 / n * X.T @ (X @ w - y)
        if np.linalg.norm(g) < 1e-9:
            break
        w = w - lr * g
    return w
