import numpy as np


def masked_mean(X, mask):
    X *= mask
    counts = mask.sum(axis=1)
    return np.divide(X.sum(axis=1), counts, out=np.zeros(X.shape[0]), where=counts > 0)
