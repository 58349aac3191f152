import numpy as np


def min_norm_solution(A, b):
    A32 = A.astype(np.float32)
    return A32.T @ np.linalg.solve(A32 @ A32.T, b.astype(np.float32))
