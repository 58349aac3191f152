"""n // batch_size batches: the short last batch is skipped."""
import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for k in range(n // batch_size):
            b = perm[k * batch_size:(k + 1) * batch_size]
            w = w - lr * 2 * X[b].T @ (X[b] @ w - y[b]) / batch_size
    return w
