def gradient_descent(grad, x0, lr, steps):
    x = [float(v) for v in x0]
    k = 0
    while k < steps:
        g = grad(x)
        x = [xi - lr * gi for xi, gi in zip(x, g)]
        k += 1
    return x
