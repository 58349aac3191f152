import numpy as np


def lp_norm(x: np.ndarray, p: float) -> float:
    """The p-norm of a vector x, as a float.

    For a finite p >= 1: (|x[0]|**p + |x[1]|**p + ... + |x[n-1]|**p) ** (1 / p).
    For p = float("inf"): the largest absolute value, max |x[i]|.
    p is one of 1, 1.5, 2, 3 or inf, and whole values may come as an int (3) or a
    float (3.0). np.linalg.norm, np.linalg.vector_norm and scipy.linalg.norm are
    not allowed.
    """
    raise NotImplementedError("compute the p-norm of x")
