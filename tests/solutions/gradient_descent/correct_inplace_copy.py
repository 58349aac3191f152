def gradient_descent(grad, x0, lr, steps):
    x = x0.copy()
    for _ in range(steps):
        x -= lr * grad(x)
    return x
