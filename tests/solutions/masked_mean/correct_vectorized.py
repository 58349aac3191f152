import numpy as np


def masked_mean(X, mask):
    counts = mask.sum(axis=1)
    sums = (X * mask).sum(axis=1)
    return np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
