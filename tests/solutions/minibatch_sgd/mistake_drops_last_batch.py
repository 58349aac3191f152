import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w = np.zeros(d)
    for _ in range(epochs):
        perm = rng.permutation(n)
        for b in range(n // batch_size):
            idx = perm[b * batch_size:(b + 1) * batch_size]
            w = w - lr * (2 / len(idx)) * X[idx].T @ (X[idx] @ w - y[idx])
    return w
