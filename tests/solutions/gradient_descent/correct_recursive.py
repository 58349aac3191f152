def gradient_descent(grad, x0, lr, steps):
    if steps == 0:
        return x0.copy()
    return gradient_descent(grad, x0 - lr * grad(x0), lr, steps - 1)
