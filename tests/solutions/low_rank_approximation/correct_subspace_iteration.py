import numpy as np


def low_rank_approximation(A, k):
    """Orthogonal (block power) iteration for the top-k right singular subspace."""
    n = A.shape[1]
    Q = np.linalg.qr(np.cos(np.outer(np.arange(1, n + 1), np.arange(1, k + 1))))[0]
    for _ in range(300):
        Q = np.linalg.qr(A.T @ (A @ Q))[0]
    return (A @ Q) @ Q.T
