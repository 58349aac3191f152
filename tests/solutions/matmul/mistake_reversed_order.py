import numpy as np


def matmul(A, B):
    if A.shape[0] == B.shape[1]:
        A, B = B, A
    return np.sum(A[:, :, None] * B[None, :, :], axis=1)
