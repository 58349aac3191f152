"""range(steps + 1): one update too many."""
import numpy as np


def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps + 1):
        x = x - lr * grad(x)
    return x
