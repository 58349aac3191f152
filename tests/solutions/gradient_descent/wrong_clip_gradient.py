import numpy as np

def gradient_descent(grad, x0, lr, steps):
    x = x0.copy()
    for t in range(steps):
        g = grad(x)
        nrm = np.linalg.norm(g)
        if nrm > 100:
            g = g * (100 / nrm)
        x = x - lr * g
    return x
