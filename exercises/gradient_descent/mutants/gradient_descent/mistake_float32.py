"""In float32."""
import numpy as np


def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=np.float32)
    for _ in range(steps):
        x = (x - np.float32(lr) * np.asarray(grad(x), dtype=np.float32)).astype(np.float32)
    return x
