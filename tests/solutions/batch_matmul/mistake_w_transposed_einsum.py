import numpy as np


def batch_matmul(X, W):
    return np.einsum("bnk,mk->bnm", X, W)
