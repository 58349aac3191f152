import numpy as np


def matmul(A, B):
    return np.array([[np.sum(row * col) for col in B.T] for row in A])
