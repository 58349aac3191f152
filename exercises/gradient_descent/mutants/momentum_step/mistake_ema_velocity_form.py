"""v_new = beta v + (1 - beta) grad, an exponential moving average."""
def momentum_step(w, v, grad, lr, beta):
    v_new = beta * v + (1 - beta) * grad
    return w - lr * v_new, v_new
