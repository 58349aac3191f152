import numpy as np

def gradient_descent(grad, x0, lr, steps):
    x = x0.copy()
    for _ in range(steps):
        g = grad(x)
        if np.linalg.norm(g) < 1e-6:
            break
        x = x - lr * g
    return x
