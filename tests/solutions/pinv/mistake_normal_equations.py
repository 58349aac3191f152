import numpy as np


def pinv(A):
    m, n = A.shape
    if m >= n:
        return np.linalg.inv(A.T @ A) @ A.T
    return A.T @ np.linalg.inv(A @ A.T)
