import numpy as np


def masked_mean(X, mask):
    keep = mask == 0
    counts = keep.sum(axis=1)
    sums = np.where(keep, X, 0.0).sum(axis=1)
    return np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
