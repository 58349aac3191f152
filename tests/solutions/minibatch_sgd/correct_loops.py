import numpy as np


def minibatch_sgd(X, y, lr, epochs, batch_size, seed):
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w = [0.0] * d
    for _ in range(epochs):
        perm = rng.permutation(n)
        batches = [perm[i:i + batch_size] for i in range(0, n, batch_size)]
        for batch in batches:
            g = [0.0] * d
            for i in batch:
                r = sum(X[i, j] * w[j] for j in range(d)) - y[i]
                for j in range(d):
                    g[j] += 2.0 * X[i, j] * r / len(batch)
            w = [w[j] - lr * g[j] for j in range(d)]
    return np.array(w)
