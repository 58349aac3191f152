import numpy as np


def matmul(A, B):
    if A.shape == B.shape:
        return A * B
    return np.sum(A[:, :, None] * B[None, :, :], axis=1)
