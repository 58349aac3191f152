import numpy as np


def masked_mean(X, mask):
    return np.sum(np.where(mask == 1, X, 0.0), axis=1) / np.maximum(np.sum(mask, axis=1), 1)
