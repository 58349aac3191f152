import numpy as np


def normalize_rows(X: np.ndarray) -> np.ndarray:
    """X (m x n) with each row scaled to unit Euclidean length; all-zero rows stay zero.

    Row i of the result is X[i] / ||X[i]||, where ||X[i]|| = sqrt(sum of X[i, j]**2),
    so every row has length 1 and points the same way as before. A row of zeros
    has no direction: leave it as zeros (never NaN). Return a new (m, n) array and
    do not modify X.
    """
    raise NotImplementedError("scale each row of X to length 1")
