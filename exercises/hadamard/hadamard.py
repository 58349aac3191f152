import numpy as np


def hadamard(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The Hadamard (elementwise) product of two arrays of the same shape.

    Entry (i, j) of the result is A[i, j] * B[i, j], and the result has the shape
    of A and B. If the shapes of A and B differ, raise ValueError, even when numpy
    could broadcast them (for example (3, 1) and (3, 3)).
    """
    raise NotImplementedError("multiply A and B entry by entry")
