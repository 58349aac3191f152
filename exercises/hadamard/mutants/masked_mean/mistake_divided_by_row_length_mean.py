"""The mean of X * mask over the whole row."""
import numpy as np


def masked_mean(X, mask):
    return np.mean(X * mask, axis=1)
