from typing import Callable

import numpy as np


def gradient_descent(grad: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float,
                     steps: int) -> np.ndarray:
    """Run `steps` gradient-descent updates x <- x - lr * grad(x) from x0; return the final x.

    grad(x) returns the gradient at the 1-D point x. Do not modify x0.
    """
    raise NotImplementedError("return x after `steps` updates")
