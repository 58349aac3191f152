import numpy as np


def batch_matmul(X, W):
    return np.einsum("bnk,km->bnm", X, W)
