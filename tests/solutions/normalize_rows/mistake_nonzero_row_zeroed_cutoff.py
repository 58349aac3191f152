import numpy as np
def normalize_rows(X):
    n = np.sqrt(np.sum(X * X, axis=1, keepdims=True))
    return np.where(n > 1e-10, X / np.where(n > 1e-10, n, 1), 0.0)
