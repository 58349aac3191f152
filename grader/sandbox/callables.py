"""Callable inputs (a gradient, a loss) rebuilt from plain numbers inside the learner's process.

Standalone: the standard library and numpy only (the worker imports this file directly).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np


@dataclass(frozen=True)
class CallableSpec:
    """A factory name and its parameters; what crosses the process boundary instead of code."""

    factory: str
    params: dict[str, Any] = field(default_factory=dict)


def _quadratic(A: np.ndarray, b: np.ndarray, c: float = 0.0) -> Callable[[np.ndarray], float]:
    """f(x) = 1/2 x^T A x - b^T x + c."""

    def f(x: np.ndarray) -> float:
        x = np.asarray(x, dtype=float)
        return float(0.5 * x @ A @ x - b @ x + c)

    return f


def _quadratic_grad(A: np.ndarray, b: np.ndarray, c: float = 0.0) -> Callable[[np.ndarray], np.ndarray]:
    """The gradient A x - b of the quadratic above."""

    def grad(x: np.ndarray) -> np.ndarray:
        return A @ np.asarray(x, dtype=float) - b

    return grad


def _logsumexp(W: np.ndarray, b: np.ndarray) -> Callable[[np.ndarray], float]:
    """f(x) = log sum exp(W x + b), computed stably."""

    def f(x: np.ndarray) -> float:
        z = W @ np.asarray(x, dtype=float) + b
        m = np.max(z)
        return float(m + np.log(np.sum(np.exp(z - m))))

    return f


def _logsumexp_grad(W: np.ndarray, b: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    def grad(x: np.ndarray) -> np.ndarray:
        z = W @ np.asarray(x, dtype=float) + b
        p = np.exp(z - np.max(z))
        return W.T @ (p / p.sum())

    return grad


def _sin_sum(a: np.ndarray, k: np.ndarray, c: float = 0.0) -> Callable[[np.ndarray], float]:
    """f(x) = c + sum a_i sin(k_i x_i): steep when k is large; a large c leaves the rounding of f, not its
    curvature, as the error of a difference quotient."""

    def f(x: np.ndarray) -> float:
        return float(c + np.sum(a * np.sin(k * np.asarray(x, dtype=float))))

    return f


def _sin_sum_grad(a: np.ndarray, k: np.ndarray, c: float = 0.0) -> Callable[[np.ndarray], np.ndarray]:
    def grad(x: np.ndarray) -> np.ndarray:
        return a * k * np.cos(k * np.asarray(x, dtype=float))

    return grad


def _logistic(X: np.ndarray, y: np.ndarray, lam: float = 0.0) -> Callable[[np.ndarray], float]:
    """f(w) = mean(log(1 + exp(-y_i x_i^T w))) + lam/2 |w|^2, labels y in {-1, +1}, computed stably."""

    def f(w: np.ndarray) -> float:
        w = np.asarray(w, dtype=float)
        return float(np.mean(np.logaddexp(0.0, -y * (X @ w))) + 0.5 * lam * (w @ w))

    return f


def _logistic_grad(X: np.ndarray, y: np.ndarray, lam: float = 0.0) -> Callable[[np.ndarray], np.ndarray]:
    def grad(w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        margin = y * (X @ w)
        weight = np.exp(-np.logaddexp(0.0, margin))  # sigmoid(-margin), without overflow
        return -(X.T @ (y * weight)) / len(y) + lam * w

    return grad


def _rosenbrock(a: float = 1.0, b: float = 100.0) -> Callable[[np.ndarray], float]:
    """f(x) = sum_i b (x_{i+1} - x_i^2)^2 + (a - x_i)^2: a steep curved valley."""

    def f(x: np.ndarray) -> float:
        x = np.asarray(x, dtype=float)
        return float(np.sum(b * (x[1:] - x[:-1] ** 2) ** 2 + (a - x[:-1]) ** 2))

    return f


def _rosenbrock_grad(a: float = 1.0, b: float = 100.0) -> Callable[[np.ndarray], np.ndarray]:
    def grad(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        g = np.zeros_like(x)
        inner = x[1:] - x[:-1] ** 2
        g[:-1] = -4.0 * b * x[:-1] * inner - 2.0 * (a - x[:-1])
        g[1:] += 2.0 * b * inner
        return g

    return grad


# name -> the callable the learner receives; `name_grad` is its analytic gradient for the grader
FACTORIES: dict[str, Callable[..., Callable[..., Any]]] = {
    "quadratic": _quadratic,
    "quadratic_grad": _quadratic_grad,
    "logsumexp": _logsumexp,
    "logsumexp_grad": _logsumexp_grad,
    "sin_sum": _sin_sum,
    "sin_sum_grad": _sin_sum_grad,
    "logistic": _logistic,
    "logistic_grad": _logistic_grad,
    "rosenbrock": _rosenbrock,
    "rosenbrock_grad": _rosenbrock_grad,
}

# factories whose third derivatives vanish: their central differences are exact up to rounding
POLYNOMIAL_DEGREE_2 = frozenset({"quadratic"})


def build(spec: CallableSpec) -> Callable[..., Any]:
    """The callable a spec describes."""
    try:
        factory = FACTORIES[spec.factory]
    except KeyError:
        raise ValueError(f"unknown callable factory {spec.factory!r}") from None
    return factory(**spec.params)


def gradient_of(spec: CallableSpec) -> Callable[..., Any]:
    """The analytic gradient of a scalar callable spec (`name` -> `name_grad`)."""
    return build(CallableSpec(spec.factory + "_grad", spec.params))
