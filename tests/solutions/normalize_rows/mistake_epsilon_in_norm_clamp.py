import numpy as np
def normalize_rows(X):
    n = np.sqrt((X * X).sum(axis=1, keepdims=True))
    return X / np.maximum(n, 1e-4)
