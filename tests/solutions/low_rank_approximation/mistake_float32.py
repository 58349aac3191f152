import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A.astype(np.float32), full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]
