def momentum_step(w, v, grad, lr, beta):
    v_new = beta * v + grad
    return w + lr * v_new, v_new
