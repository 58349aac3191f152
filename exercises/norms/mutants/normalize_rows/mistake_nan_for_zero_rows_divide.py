"""X / ||row||: 0 / 0 is NaN for a zero row."""
import numpy as np


def normalize_rows(X):
    return X / np.sqrt(np.sum(X ** 2, axis=1, keepdims=True))
