def momentum_step(w, v, grad, lr, beta):
    v_new = beta * v + grad
    return v_new, w - lr * v_new
