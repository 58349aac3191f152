"""Generators for the gradient descent topic: convex problems with a stable step size that are far
from converged after the given number of steps (so the step count, the factor 2 and the mean
all show), steep functions for finite differences, and momentum states."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import (Range, callable_arg, generator, matrix_with_cond, pick_float, pick_int,
                                    random_scale, spd)
from grader.sandbox.callables import CallableSpec, gradient_of

GRAD_KINDS = ("quadratic", "quadratic", "logsumexp", "logistic")
FD_KINDS = ("quadratic", "sin", "logsumexp", "rosenbrock", "logistic")


def _kind(rng: np.random.Generator, kind: str, choices: tuple[str, ...]) -> str:
    """`kind`, or a random one of `choices` when it is "any"."""
    return str(rng.choice(choices)) if kind == "any" else kind


Problem = tuple[CallableSpec, float, np.ndarray]  # gradient callable, its Lipschitz constant, a start point


def _quadratic(rng: np.random.Generator, n: int, cond: Range, curvature: float | None = None) -> Problem:
    """A x - b for A SPD with a condition number in `cond` (and a scale of `curvature`, when given); the start
    is far from the minimum."""
    a = spd(rng, n, pick_float(rng, cond, log=True), scale=random_scale(rng) if curvature is None else curvature)
    x_star = rng.standard_normal(n) * random_scale(rng)
    far = x_star + rng.standard_normal(n) * random_scale(rng, 1.0, 10.0) * (1.0 + np.abs(x_star).max())
    return callable_arg("quadratic_grad", A=a, b=a @ x_star), float(np.linalg.eigvalsh(a)[-1]), far


def _logsumexp(rng: np.random.Generator, n: int, cond: Range) -> Problem:
    """The gradient of log sum exp(W x + b): convex, Lipschitz constant at most |W|_2^2."""
    w = rng.standard_normal((pick_int(rng, (n + 1, n + 4)), n)) * random_scale(rng, 0.3, 3.0)
    spec = callable_arg("logsumexp_grad", W=w, b=rng.standard_normal(w.shape[0]))
    return spec, float(np.linalg.norm(w, 2) ** 2), rng.standard_normal(n) * 3.0


def _logistic(rng: np.random.Generator, n: int, cond: Range) -> Problem:
    """The gradient of an L2-regularized logistic loss on random labelled data."""
    m = pick_int(rng, (2 * n, 6 * n))
    x = rng.standard_normal((m, n)) * random_scale(rng, 0.3, 3.0)
    y = np.where(rng.uniform(size=m) < 0.5, -1.0, 1.0)
    lam = pick_float(rng, (0.01, 0.5), log=True)
    lipschitz = float(np.linalg.norm(x, 2) ** 2 / (4 * m) + lam)
    return callable_arg("logistic_grad", X=x, y=y, lam=lam), lipschitz, rng.standard_normal(n) * 3.0


CONVEX = {"quadratic": _quadratic, "logsumexp": _logsumexp, "logistic": _logistic}


@generator("descent_problem")
def descent_problem(rng: np.random.Generator, n: Range = (2, 8), kind: str = "any", cond: Range = (5.0, 100.0),
                    steps: Range = (5, 40), step: Range = (0.3, 1.8), curvature: float | None = None) -> dict[str, Any]:
    """grad of a convex quadratic (A SPD with condition number in `cond`, scaled by `curvature` when given: steep,
    with gradients in the thousands), a log-sum-exp or a regularized logistic loss; lr = step / L for the
    gradient's Lipschitz constant L; x0 far away."""
    size = pick_int(rng, n)
    chosen = _kind(rng, kind, GRAD_KINDS)
    if curvature is not None and chosen != "quadratic":
        raise ValueError("curvature applies to kind: quadratic only")
    grad, lipschitz, x0 = _quadratic(rng, size, cond, curvature) if curvature is not None else \
        CONVEX[chosen](rng, size, cond)
    return {"grad": grad, "x0": x0, "lr": pick_float(rng, step) / lipschitz, "steps": pick_int(rng, steps)}


def regression_data(rng: np.random.Generator, n: Range, d: Range, cond: Range,
                    scale: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """X (n, d) with a chosen condition number and scale (random, or `scale`), y = X w + noise."""
    rows, cols = pick_int(rng, n), pick_int(rng, d)
    size = random_scale(rng) if scale is None else scale
    x = matrix_with_cond(rng, rows, cols, pick_float(rng, cond, log=True), scale=size * np.sqrt(rows))
    w = rng.standard_normal(cols) * random_scale(rng)
    y = x @ w + rng.standard_normal(rows) * 0.1 * np.std(x @ w)
    return x, y


@generator("regression_problem")
def regression_problem(rng: np.random.Generator, n: Range = (10, 60), d: Range = (2, 6), cond: Range = (2.0, 10.0),
                       epochs: Range = (5, 60), step: Range = (0.2, 0.9), scale: float | None = None) -> dict[str, Any]:
    """Least squares data and lr = step / lambda_max((2/n) X^T X): stable, not converged in `epochs`. `scale`
    sets X's (1e-6: gradients near 1e-12 from the start, below any absolute "converged" threshold)."""
    x, y = regression_data(rng, n, d, cond, scale)
    top = 2.0 * np.linalg.norm(x, 2) ** 2 / x.shape[0]
    return {"X": x, "y": y, "lr": pick_float(rng, step) / top, "epochs": pick_int(rng, epochs)}


@generator("sgd_problem")
def sgd_problem(rng: np.random.Generator, n: Range = (20, 80), d: Range = (2, 5), cond: Range = (2.0, 10.0),
                epochs: Range = (2, 10), batch_size: Range = (3, 16), ragged: float = 0.8,
                step: Range = (0.1, 0.9)) -> dict[str, Any]:
    """Least squares data for mini-batch SGD; with probability `ragged` the last batch is shorter;
    lr = step / (2 max |x_i|^2), stable for every batch."""
    x, y = regression_data(rng, n, d, cond)
    rows = x.shape[0]
    want_ragged = rng.uniform() < ragged
    for _ in range(100):
        size = pick_int(rng, batch_size)
        if (rows % size != 0) == want_ragged:
            break
    lr = pick_float(rng, step) / (2.0 * float(np.max(np.sum(x * x, axis=1))))
    return {"X": x, "y": y, "lr": lr, "epochs": pick_int(rng, epochs), "batch_size": size,
            "seed": int(rng.integers(0, 2**31 - 1))}


@generator("fd_problem")
def fd_problem(rng: np.random.Generator, n: Range = (2, 6), kind: str = "any", pass_h: float = 0.3) -> dict[str, Any]:
    """A scalar function f and a point x. Kinds: a quadratic (central differences are exact; h may
    be 1e-3..1e-6), sin with frequencies 10..60 and log-sum-exp with weights 3..15 (steep: a forward
    difference is far off), Rosenbrock off its valley, a logistic loss; and, only when asked for, `offset`:
    gentle sines on top of a large constant (a step far below h = 1e-5 is all rounding). With probability
    pass_h, h is passed."""
    size = pick_int(rng, n)
    chosen = _kind(rng, kind, FD_KINDS)
    x = rng.uniform(-2.0, 2.0, size)
    hs = [1e-6]
    if chosen == "quadratic":
        a = rng.standard_normal((size, size)) * random_scale(rng, 0.3, 3.0)
        f = callable_arg("quadratic", A=(a + a.T) / 2, b=rng.standard_normal(size), c=float(rng.standard_normal()))
        hs = [1e-3, 1e-4, 1e-6]
    elif chosen == "sin":
        amp = rng.choice([-1.0, 1.0], size) * rng.uniform(0.5, 2.0, size) * random_scale(rng)
        f = callable_arg("sin_sum", a=amp, k=rng.uniform(10.0, 60.0, size))
    elif chosen == "offset":  # gentle slopes (0.4 to 2) on top of 3e4: f's rounding, 3.6e-12, is all a difference
        # sees; over 2h = 2e-5 it stays within 0.1 of the tolerance, over a step of 1e-8 it is 40 times it
        amp = rng.choice([-1.0, 1.0], size) * rng.uniform(1.0, 2.0, size)
        f = callable_arg("sin_sum", a=amp, k=rng.uniform(0.5, 1.0, size), c=3e4)
        x = rng.uniform(-0.5, 0.5, size)
    elif chosen == "logsumexp":
        w = rng.standard_normal((pick_int(rng, (size, size + 3)), size)) * pick_float(rng, (3.0, 15.0), log=True)
        f = callable_arg("logsumexp", W=w, b=rng.standard_normal(w.shape[0]))
        x = x / 10.0
    elif chosen == "rosenbrock":
        f = callable_arg("rosenbrock", a=1.0, b=100.0)
        x = _off_the_valley(rng, f, max(size, 2))
    else:
        m = pick_int(rng, (2 * size, 5 * size))
        f = callable_arg("logistic", X=rng.standard_normal((m, size)) * 2.0,
                         y=np.where(rng.uniform(size=m) < 0.5, -1.0, 1.0), lam=pick_float(rng, (0.01, 0.5), log=True))
    args: dict[str, Any] = {"f": f, "x": x}
    if rng.uniform() < pass_h:
        args["h"] = float(rng.choice(hs))
    return args


def _off_the_valley(rng: np.random.Generator, f: CallableSpec, size: int, steepest: float = 50.0) -> np.ndarray:
    """A point in [-1.5, 1.5]^size where the largest gradient entry is at least `steepest`: in the
    curved valley the gradient is tiny next to the third derivatives, so even an exact central
    difference would look inaccurate relative to it."""
    while True:
        x = rng.uniform(-1.5, 1.5, size)
        if np.max(np.abs(gradient_of(f)(x))) >= steepest:
            return x


@generator("momentum_state")
def momentum_state(rng: np.random.Generator, n: Range = (1, 8), matrix: float = 0.3, lr: Range = (1e-3, 0.5),
                   beta: Range = (0.5, 0.99)) -> dict[str, Any]:
    """w, v, grad of one shape (a vector, or a matrix with probability `matrix`), at different scales."""
    shape: tuple[int, ...] = (pick_int(rng, n),)
    if rng.uniform() < matrix:
        shape = (pick_int(rng, n), pick_int(rng, (2, 5)))
    return {"w": rng.standard_normal(shape) * random_scale(rng), "v": rng.standard_normal(shape) * random_scale(rng),
            "grad": rng.standard_normal(shape) * random_scale(rng), "lr": pick_float(rng, lr, log=True),
            "beta": pick_float(rng, beta)}
