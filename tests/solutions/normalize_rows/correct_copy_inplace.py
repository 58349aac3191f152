import numpy as np


def normalize_rows(X):
    Y = X.copy()
    for i in range(Y.shape[0]):
        n = np.sqrt(np.dot(Y[i], Y[i]))
        if n != 0:
            Y[i] /= n
    return Y
