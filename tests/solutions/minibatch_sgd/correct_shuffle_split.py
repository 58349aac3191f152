import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n = len(y)
    rng = np.random.default_rng(seed)
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        order = np.arange(n)
        rng.shuffle(order)  # the same stream as rng.permutation(n)
        for idx in np.array_split(order, range(batch_size, n, batch_size)):
            residual = X[idx] @ w - y[idx]
            w -= lr * 2 * np.mean(X[idx] * residual[:, None], axis=0)
    return w
