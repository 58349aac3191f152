import numpy as np


def matmul(A, B):
    return np.sum(A * B[:, 0], axis=1, keepdims=True)
