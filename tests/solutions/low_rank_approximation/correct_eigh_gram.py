import numpy as np


def low_rank_approximation(A, k):
    # top-k right singular vectors from eigh(A^T A); B = A V_k V_k^T
    w, V = np.linalg.eigh(A.T @ A)
    Vk = V[:, np.argsort(w)[::-1][:k]]
    return A @ Vk @ Vk.T
