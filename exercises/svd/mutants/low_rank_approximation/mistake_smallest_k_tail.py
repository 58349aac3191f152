"""The last k singular triplets: the smallest."""
import numpy as np


def low_rank_approximation(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]
