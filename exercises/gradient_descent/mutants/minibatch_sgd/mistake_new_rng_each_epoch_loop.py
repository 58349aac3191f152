"""A new default_rng(seed) each epoch: the same order every epoch."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        perm = np.random.default_rng(seed).permutation(n)
        for start in range(0, n, batch_size):
            b = perm[start:start + batch_size]
            w = w - lr * 2 * X[b].T @ (X[b] @ w - y[b]) / len(b)
    return w
