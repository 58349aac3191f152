import numpy as np


def normalize_rows(X):
    s = np.abs(X).sum(axis=1, keepdims=True)
    return X / np.where(s == 0, 1.0, s)
