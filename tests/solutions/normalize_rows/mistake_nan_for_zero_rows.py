import numpy as np


def normalize_rows(X):
    with np.errstate(all="ignore"):
        return X / np.linalg.norm(X, axis=1, keepdims=True)
