import numpy as np


def least_squares(A, b):
    return np.linalg.solve(A.T @ A, A.T @ b.reshape(-1, 1))
