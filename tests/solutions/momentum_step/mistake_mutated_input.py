def momentum_step(w, v, grad, lr, beta):
    v *= beta
    v += grad
    return w - lr * v, v
