import numpy as np


def normalize_rows(X):
    norms = np.sqrt(np.sum(X * X, axis=1, keepdims=True))
    return np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
