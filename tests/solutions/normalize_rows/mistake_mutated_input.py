import numpy as np


def normalize_rows(X):
    for i in range(X.shape[0]):
        n = np.sqrt(np.sum(X[i] ** 2))
        if n > 0:
            X[i] /= n
    return X
