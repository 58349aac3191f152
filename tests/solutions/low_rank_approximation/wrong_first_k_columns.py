import numpy as np


def low_rank_approximation(A, k):
    # keeps the first k columns of A: rank k, but not the best approximation
    B = np.zeros_like(A)
    B[:, :k] = A[:, :k]
    return B
