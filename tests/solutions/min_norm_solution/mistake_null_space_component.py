import numpy as np


def min_norm_solution(A, b):
    # a solution, plus a small vector from the null space of A
    x = A.T @ np.linalg.solve(A @ A.T, b)
    _, _, Vt = np.linalg.svd(A)
    return x + 1e-3 * np.linalg.norm(x) * Vt[-1]
