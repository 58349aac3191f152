"""s[:k + 1]: one triplet too many."""
import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k + 1] * s[:k + 1]) @ Vt[:k + 1]
