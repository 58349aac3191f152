import numpy as np


def low_rank_approximation(A, k):
    """Power iteration on A^T A for each singular triplet, deflating A after each one."""
    rest = np.array(A, dtype=float)
    B = np.zeros_like(rest)
    for _ in range(k):
        v = np.cos(np.arange(rest.shape[1]) + 1.0)  # a fixed start; random would do too
        v /= np.linalg.norm(v)
        for _it in range(5000):
            w = rest.T @ (rest @ v)
            w /= np.linalg.norm(w)
            if np.linalg.norm(w - v) < 1e-15:
                v = w
                break
            v = w
        u = rest @ v
        sigma = np.linalg.norm(u)
        u /= sigma
        term = sigma * np.outer(u, v)
        B += term
        rest = rest - term
    return B
