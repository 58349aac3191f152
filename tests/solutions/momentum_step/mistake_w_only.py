def momentum_step(w, v, grad, lr, beta):
    return w - lr * (beta * v + grad)
