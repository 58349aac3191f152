"""U_k Vt_k without the singular values."""
import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ Vt[:k]
