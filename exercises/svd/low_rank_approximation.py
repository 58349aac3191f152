import numpy as np


def low_rank_approximation(A: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation of a real matrix A (m x n), 1 <= k <= min(m, n).

    Return the (m, n) matrix B of rank at most k closest to A (Eckart-Young): the sum of
    sigma_i * u_i v_i^T over the k largest singular values of A and their singular vectors.
    """
    raise NotImplementedError("return the rank-k approximation B")
