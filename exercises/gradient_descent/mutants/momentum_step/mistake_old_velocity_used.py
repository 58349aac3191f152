"""w updated with the old velocity."""
def momentum_step(w, v, grad, lr, beta):
    w_new = w - lr * v
    v = beta * v + grad
    return w_new, v
