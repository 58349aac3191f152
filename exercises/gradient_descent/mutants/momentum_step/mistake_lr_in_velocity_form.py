"""v_new = beta v + lr grad, w_new = w - v_new (the other convention)."""
def momentum_step(w, v, grad, lr, beta):
    v_new = beta * v + lr * grad
    return w - v_new, v_new
