import numpy as np


def lu_decompose(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LU factorization with partial pivoting of a square nonsingular A (n x n).

    Return (P, L, U) with A == P @ L @ U (scipy.linalg.lu's convention): P a permutation
    matrix of 0s and 1s, L unit lower triangular (ones on the diagonal) with every
    |L[i, j]| <= 1, and U upper triangular. At each step choose as pivot the entry of
    largest magnitude in the current column (the first pivot may be 0 before swapping).
    scipy.linalg.lu, lu_factor and lu_solve are not allowed.
    """
    raise NotImplementedError("return (P, L, U)")
