def momentum_step(w, v, grad, lr, beta):
    v_new = beta * v + grad
    w_new = w - lr * v_new
    return w_new, v_new
