"""Means over the columns (axis 0)."""
import numpy as np


def masked_mean(X, mask):
    counts = mask.sum(axis=0)
    return np.where(counts > 0, (X * mask).sum(axis=0) / np.maximum(counts, 1), 0.0)
