"""Reference solutions for the gradient descent topic, and the answers of its known mistakes.

Mistake functions are called with the case's raw inputs, where a function argument is still
its CallableSpec: `_function` rebuilds it exactly as the learner's process does.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from grader.sandbox.callables import CallableSpec, build


def _function(f: Any) -> Callable[..., Any]:
    """The callable itself, rebuilt from its spec when given one."""
    return build(f) if isinstance(f, CallableSpec) else f


def descend(grad: Any, x0: np.ndarray, lr: float, steps: int, sign: float = -1.0) -> np.ndarray:
    """x after `steps` updates x <- x + sign * lr * grad(x), on a copy of x0."""
    g = _function(grad)
    x = np.array(x0, dtype=float)
    for _ in range(int(steps)):
        x = x + sign * lr * np.asarray(g(x), dtype=float)
    return x


def gradient_descent(grad: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """x after `steps` updates x <- x - lr * grad(x), starting from x0."""
    return descend(grad, x0, lr, steps)


def regression_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, factor: float = 2.0, mean: bool = True) -> np.ndarray:
    """factor/n X^T (X w - y) (or without the 1/n when mean is False)."""
    g = factor * (X.T @ (X @ w - y))
    return g / X.shape[0] if mean else g


def full_batch(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, factor: float = 2.0, mean: bool = True,
               sign: float = -1.0) -> np.ndarray:
    """w after `epochs` full-batch steps on mean((Xw - y)^2) from w = 0 (variants for the mistakes)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(int(epochs)):
        w = w + sign * lr * regression_grad(X, y, w, factor, mean)
    return w


def linear_regression_gd(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """w after `epochs` full-batch gradient steps on mean((Xw - y)^2), from w = 0."""
    return full_batch(X, y, lr, epochs)


def sgd(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int, *,
        reseed: bool = False, shuffle: bool = True, divide_by_batch_size: bool = False,
        drop_last: bool = False, factor: float = 2.0, mean: bool = True, sign: float = -1.0) -> np.ndarray:
    """Mini-batch SGD by the curriculum's protocol; the keywords switch on known mistakes."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, d = X.shape
    rng = np.random.default_rng(seed)
    w = np.zeros(d)
    for _ in range(int(epochs)):
        if reseed:
            rng = np.random.default_rng(seed)
        perm = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, int(batch_size)):
            batch = perm[start:start + int(batch_size)]
            if drop_last and len(batch) < batch_size:
                break
            g = factor * (X[batch].T @ (X[batch] @ w - y[batch]))
            if mean:
                g = g / (batch_size if divide_by_batch_size else len(batch))
            w = w + sign * lr * g
    return w


def minibatch_sgd(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """w after mini-batch SGD on mean((Xw - y)^2) from w = 0, one rng made before the first epoch."""
    return sgd(X, y, lr, epochs, batch_size, seed)


def differences(f: Any, x: np.ndarray, h: float, forward: float, backward: float, divisor: float) -> np.ndarray:
    """(f(x + forward*h*e_i) - f(x - backward*h*e_i)) / (divisor*h) for each coordinate i."""
    func = _function(f)
    x = np.array(x, dtype=float)
    g = np.empty_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step.flat[i] = h
        g.flat[i] = (func(x + forward * step) - func(x - backward * step)) / (divisor * h)
    return g


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """The central-difference gradient (f(x + h e_i) - f(x - h e_i)) / 2h."""
    return differences(f, x, h, 1.0, 1.0, 2.0)


def momentum_step(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                  beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(w_new, v_new) with v_new = beta v + grad and w_new = w - lr v_new."""
    v_new = beta * np.asarray(v, dtype=float) + np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) - lr * v_new, v_new


# ----------------------------------------------------------------- known mistakes

def gradient_ascent(grad: Any, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Mistake: x <- x + lr * grad(x)."""
    return descend(grad, x0, lr, steps, sign=1.0)


def one_step_too_many(grad: Any, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Mistake: steps + 1 updates."""
    return descend(grad, x0, lr, int(steps) + 1)


def one_step_too_few(grad: Any, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Mistake: steps - 1 updates."""
    return descend(grad, x0, lr, max(int(steps) - 1, 0))


def regression_no_two(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """Mistake: the gradient (1/n) X^T (Xw - y), without the factor 2."""
    return full_batch(X, y, lr, epochs, factor=1.0)


def regression_sum(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """Mistake: the gradient of the sum of squares, 2 X^T (Xw - y), not of the mean."""
    return full_batch(X, y, lr, epochs, mean=False)


def regression_ascent(X: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> np.ndarray:
    """Mistake: w <- w + lr * gradient."""
    return full_batch(X, y, lr, epochs, sign=1.0)


def sgd_reseeded(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """Mistake: a new default_rng(seed) every epoch (or one permutation reused): the same order each epoch."""
    return sgd(X, y, lr, epochs, batch_size, seed, reseed=True)


def sgd_unshuffled(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """Mistake: batches in the original row order, never shuffled."""
    return sgd(X, y, lr, epochs, batch_size, seed, shuffle=False)


def sgd_batch_size_divisor(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int,
                           seed: int) -> np.ndarray:
    """Mistake: the short last batch divided by batch_size instead of its own size."""
    return sgd(X, y, lr, epochs, batch_size, seed, divide_by_batch_size=True)


def sgd_drop_last(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """Mistake: the short last batch skipped."""
    return sgd(X, y, lr, epochs, batch_size, seed, drop_last=True)


def sgd_no_two(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """Mistake: the batch gradient without the factor 2."""
    return sgd(X, y, lr, epochs, batch_size, seed, factor=1.0)


def sgd_sum(X: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int, seed: int) -> np.ndarray:
    """Mistake: the batch gradient summed over the batch, not averaged."""
    return sgd(X, y, lr, epochs, batch_size, seed, mean=False)


def forward_difference(f: Any, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Mistake: (f(x + h e_i) - f(x)) / h."""
    return differences(f, x, h, 1.0, 0.0, 1.0)


def backward_difference(f: Any, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Mistake: (f(x) - f(x - h e_i)) / h."""
    return differences(f, x, h, 0.0, 1.0, 1.0)


def all_coordinates(f: Any, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Mistake: every coordinate moved at once, (f(x + h) - f(x - h)) / 2h in each entry."""
    func = _function(f)
    x = np.array(x, dtype=float)
    return np.full_like(x, (func(x + h) - func(x - h)) / (2 * h))


def momentum_lr_in_velocity(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                            beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: v_new = beta v + lr grad, w_new = w - v_new."""
    v_new = beta * np.asarray(v, dtype=float) + lr * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) - v_new, v_new


def momentum_ema(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                 beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: v_new = beta v + (1 - beta) grad (an exponential average)."""
    v_new = beta * np.asarray(v, dtype=float) + (1.0 - beta) * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) - lr * v_new, v_new


def momentum_old_velocity(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                          beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: w stepped with the old velocity v instead of v_new."""
    v_new = beta * np.asarray(v, dtype=float) + np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) - lr * np.asarray(v, dtype=float), v_new


def momentum_negative_velocity(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                               beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: the other convention, v_new = beta v - lr grad and w_new = w + v_new."""
    v_new = beta * np.asarray(v, dtype=float) - lr * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + v_new, v_new


def momentum_ascent(w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float,
                    beta: float) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: w_new = w + lr v_new."""
    v_new = beta * np.asarray(v, dtype=float) + np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + lr * v_new, v_new
