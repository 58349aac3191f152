"""x + lr * grad(x): ascent, not descent."""
import numpy as np


def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x += lr * grad(x)
    return x
