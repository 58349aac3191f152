import numpy as np


def hadamard(A, B):
    if np.shape(A) != np.shape(B):
        raise ValueError("A and B must have the same shape")
    rows, cols = np.shape(A)
    return [[A[i][j] * B[i][j] for j in range(cols)] for i in range(rows)]
