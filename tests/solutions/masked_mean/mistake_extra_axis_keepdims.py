import numpy as np


def masked_mean(X, mask):
    counts = mask.sum(axis=1, keepdims=True)
    sums = (X * mask).sum(axis=1, keepdims=True)
    return np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
