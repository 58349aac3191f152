import numpy as np


def masked_mean(X, mask):
    counts = mask.sum(axis=0)
    sums = (X * mask).sum(axis=0)
    return np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
