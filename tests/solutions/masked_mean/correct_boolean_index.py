import numpy as np


def masked_mean(X, mask):
    m = mask.astype(bool)
    return np.array([X[i][m[i]].mean() if m[i].any() else 0.0 for i in range(X.shape[0])])
