import numpy as np


def momentum_step(w, v, grad, lr, beta):
    w_new = np.empty_like(w)
    v_new = np.empty_like(v)
    for idx in np.ndindex(w.shape):
        v_new[idx] = beta * v[idx] + grad[idx]
        w_new[idx] = w[idx] - lr * v_new[idx]
    return [w_new.tolist(), v_new.tolist()]
