import numpy as np


def vector_projection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The projection of a onto the line spanned by b (b nonzero, same length as a).

    proj = ((a . b) / (b . b)) * b: the multiple of b closest to a. Return a vector
    (a 1-D array) of the same length as a and b; a - proj is orthogonal to b.
    """
    raise NotImplementedError("project a onto the line of b")
