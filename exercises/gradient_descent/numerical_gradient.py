from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of the scalar function f at the 1-D point x.

    Entry i is (f(x + h e_i) - f(x - h e_i)) / (2h), with e_i the i-th unit vector.
    Return an array of the shape of x, and do not modify x.
    """
    raise NotImplementedError("return the central-difference gradient")
