import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    B = np.zeros(A.shape)
    for i in range(1, k):
        B += s[i - 1] * np.outer(U[:, i - 1], Vt[i - 1])
    return B
