"""np.random.seed and np.random.permutation: the legacy global generator."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    np.random.seed(seed)
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        perm = np.random.permutation(n)
        for start in range(0, n, batch_size):
            b = perm[start:start + batch_size]
            w = w - lr * 2 * X[b].T @ (X[b] @ w - y[b]) / len(b)
    return w
