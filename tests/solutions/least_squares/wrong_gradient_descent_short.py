import numpy as np


def least_squares(A, b):
    # 200 gradient steps: not converged on ill-conditioned A
    x = np.zeros(A.shape[1])
    lr = 1.0 / np.linalg.norm(A, 2) ** 2
    for _ in range(200):
        x -= lr * A.T @ (A @ x - b)
    return x
