import numpy as np


def cross_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The cross product a x b of two 3-vectors, a vector of shape (3,).

    a x b = (a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]).
    It is orthogonal to both a and b, and b x a = -(a x b). np.cross is not allowed.
    """
    raise NotImplementedError("compute a x b")
