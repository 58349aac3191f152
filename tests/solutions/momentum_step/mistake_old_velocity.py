def momentum_step(w, v, grad, lr, beta):
    w_new = w - lr * v
    v_new = beta * v + grad
    return w_new, v_new
