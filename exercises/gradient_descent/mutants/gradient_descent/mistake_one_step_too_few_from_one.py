"""range(1, steps): one update too few."""
import numpy as np


def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(1, steps):
        x = x - lr * grad(x)
    return x
