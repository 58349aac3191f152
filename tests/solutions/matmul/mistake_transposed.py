import numpy as np


def matmul(A, B):
    return np.array([[np.sum(A[i] * B[:, j]) for i in range(A.shape[0])] for j in range(B.shape[1])])
