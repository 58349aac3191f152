import numpy as np


def normalize_rows(X):
    return X / (np.sqrt(np.sum(X ** 2, axis=1))[:, None] + 1e-8)
