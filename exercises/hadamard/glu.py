import numpy as np


def glu(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """The gated linear unit (x @ W) * sigmoid(x @ V): x (b, d), W and V (d, h) -> (b, h).

    sigmoid(z) = 1 / (1 + exp(-z)) is applied entry by entry, and * is the
    elementwise product. The pre-activations x @ V reach +-800, where exp(z)
    overflows float64: compute the sigmoid so that it never produces inf or NaN.
    """
    raise NotImplementedError("compute the gated linear unit")
