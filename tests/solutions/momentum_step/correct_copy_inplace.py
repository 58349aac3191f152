import numpy as np


def momentum_step(w, v, grad, lr, beta):
    v_new = np.array(v, dtype=float)
    v_new *= beta
    v_new += grad
    w_new = w.copy()
    w_new -= lr * v_new
    return (w_new, v_new)
