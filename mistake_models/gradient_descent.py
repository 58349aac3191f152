"""Mistaken answers of the gradient_descent topic."""

from __future__ import annotations

import numpy as np


def sgd_legacy_global_rng(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int,
                          seed: int) -> np.ndarray:
    """Mistake: np.random.seed(seed) and np.random.permutation (the legacy global generator), not default_rng."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    rng = np.random.RandomState(seed)
    w = np.zeros(d)
    for _ in range(int(epochs)):
        perm = rng.permutation(n)
        for start in range(0, n, int(batch_size)):
            batch = perm[start:start + int(batch_size)]
            w = w - lr * 2.0 * (X[batch].T @ (X[batch] @ w - y[batch])) / len(batch)
    return w


def regression_converged(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """Mistake: the least-squares minimizer itself, not the iterate after `epochs` steps."""
    return np.linalg.lstsq(np.asarray(X, dtype=float), np.asarray(y, dtype=float), rcond=None)[0]


def momentum_w_only(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, beta: float) -> np.ndarray:
    """Mistake: only the new weights returned, not the pair (w_new, v_new)."""
    from reference.gradient_descent import momentum_step
    return momentum_step(w, v, grad, lr, beta)[0]


def numerical_gradient_float32(f: object, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Mistake: central differences with x in float32 (x + h e_i rounds to float32's 7 digits)."""
    from reference.gradient_descent import _function

    func = _function(f)
    x32 = np.array(x, dtype=np.float32)
    g = np.zeros_like(x32)
    for i in range(x32.size):
        step = np.zeros_like(x32)
        step.flat[i] = h
        g.flat[i] = (func(x32 + step) - func(x32 - step)) / (2 * h)
    return g
