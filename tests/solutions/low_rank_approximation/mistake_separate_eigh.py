import numpy as np


def low_rank_approximation(A, k):
    w, V = np.linalg.eigh(A.T @ A)
    w, V = w[::-1], V[:, ::-1]
    _, U = np.linalg.eigh(A @ A.T)
    U = U[:, ::-1]
    s = np.sqrt(np.clip(w, 0, None))
    return U[:, :k] @ np.diag(s[:k]) @ V[:, :k].T
