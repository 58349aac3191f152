"""The batches in the original row order."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            Xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            w = w - lr * 2 * Xb.T @ (Xb @ w - yb) / len(yb)
    return w
