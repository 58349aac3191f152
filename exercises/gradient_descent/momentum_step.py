import numpy as np


def momentum_step(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                  beta: float) -> tuple[np.ndarray, np.ndarray]:
    """One momentum step: v_new = beta * v + grad, then w_new = w - lr * v_new.

    w, v and grad are arrays of the same shape. Return (w_new, v_new); do not modify the inputs.
    """
    raise NotImplementedError("return (w_new, v_new)")
