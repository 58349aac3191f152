import numpy as np


def vector_arithmetic(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Elementwise arithmetic on two vectors of the same length.

    Return the tuple (a + b, a - b, a * b, a / b), each computed elementwise,
    as arrays of the same shape as a and b. No entry of b is zero.
    """
    raise NotImplementedError("compute (a + b, a - b, a * b, a / b)")
