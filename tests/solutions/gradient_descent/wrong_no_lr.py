def gradient_descent(grad, x0, lr, steps):
    x = x0.copy()
    for _ in range(steps):
        x = x - grad(x) / (1 + steps)
    return x
