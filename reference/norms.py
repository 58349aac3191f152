"""Reference solutions for the norms topic, and the mistaken answers its mistake rules match."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from grader.checks.core import CheckContext


def lp_norm(x: np.ndarray, p: float) -> float:
    """(sum |x_i|^p)^(1/p), and max |x_i| for p = inf."""
    return float(np.linalg.norm(x, ord=p))


def _power(base: float, exponent: float) -> float | complex:
    """base ** exponent as Python floats compute it: complex for a negative base and a fractional exponent."""
    if base < 0 and not float(exponent).is_integer():
        return complex(base) ** exponent
    return float(base) ** exponent


def lp_missing_abs(x: np.ndarray, p: float) -> float | complex:
    """Mistake: (sum x_i^p)^(1/p) without absolute values (max x_i for p = inf), computed as Python does."""
    if math.isinf(p):
        return float(np.max(x))
    total = sum(_power(float(v), p) for v in x)
    if isinstance(total, complex):
        return total ** (1.0 / p)
    return _power(total, 1.0 / p)


def lp_no_root(x: np.ndarray, p: float) -> float | None:
    """Mistake: sum |x_i|^p, the p-th root forgotten."""
    return None if math.isinf(p) else float(np.sum(np.abs(x) ** p))


def lp_square_root(x: np.ndarray, p: float) -> float | None:
    """Mistake: sqrt(sum |x_i|^p), a square root where the p-th root belongs."""
    return None if math.isinf(p) else float(np.sqrt(np.sum(np.abs(x) ** p)))


def lp_always_euclidean(x: np.ndarray, p: float) -> float:
    """Mistake: the 2-norm whatever p is."""
    return float(np.sqrt(np.sum(x * x)))


def lp_inf_by_formula(x: np.ndarray, p: float) -> float | None:
    """Mistake: the finite-p formula applied to p = inf, which gives (inf or 0) ** 0 = 1."""
    return 1.0 if math.isinf(p) else None


# ----------------------------------------------------------------- matrix norms


def frobenius_norm(A: np.ndarray) -> float:
    """sqrt of the sum of the squared entries."""
    return float(np.linalg.norm(A, "fro"))


def entrywise_l1(A: np.ndarray) -> float:
    """Mistake: the sum of the absolute entries."""
    return float(np.sum(np.abs(A)))


def root_mean_square(A: np.ndarray) -> float:
    """Mistake: sqrt of the mean (not the sum) of the squared entries."""
    return float(np.sqrt(np.mean(A * A)))


def row_norms(A: np.ndarray) -> np.ndarray:
    """Mistake: the length of each row."""
    return np.sqrt(np.sum(A * A, axis=1))


def column_norms(A: np.ndarray) -> np.ndarray:
    """Mistake: the length of each column."""
    return np.sqrt(np.sum(A * A, axis=0))


def spectral_norm(A: np.ndarray) -> float:
    """The largest singular value."""
    return float(np.linalg.svd(A, compute_uv=False)[0])


def smallest_singular_value(A: np.ndarray) -> float:
    """Mistake: the smallest singular value (of the min(m, n) there are)."""
    return float(np.linalg.svd(A, compute_uv=False)[-1])


def largest_eigenvalue_magnitude(A: np.ndarray) -> float | None:
    """Mistake: the largest |eigenvalue| of A (square A only), not of A^T A."""
    if A.shape[0] != A.shape[1]:
        return None
    return float(np.max(np.abs(np.linalg.eigvals(A))))


# ----------------------------------------------------------------- row normalization


def _scaled_rows(X: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """Each row divided by its norm; rows of norm 0 stay 0."""
    return np.divide(X, norms, out=np.zeros_like(X, dtype=float), where=norms > 0)


def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Each row scaled to unit Euclidean length; zero rows stay zero."""
    return _scaled_rows(X, np.sqrt(np.sum(X * X, axis=1, keepdims=True)))


def normalize_columns(X: np.ndarray) -> np.ndarray:
    """Mistake: each column scaled to unit length."""
    return _scaled_rows(X.T, np.sqrt(np.sum(X * X, axis=0))[:, None]).T


def normalize_rows_l1(X: np.ndarray) -> np.ndarray:
    """Mistake: each row divided by the sum of its absolute values."""
    return _scaled_rows(X, np.sum(np.abs(X), axis=1, keepdims=True))


def normalize_rows_squared(X: np.ndarray) -> np.ndarray:
    """Mistake: each row divided by its squared length."""
    return _scaled_rows(X, np.sum(X * X, axis=1, keepdims=True))


# ----------------------------------------------------------------- predicates (mistake rules with `when:`)


def _scalar(value: object) -> float | None:
    """A learner's answer as one finite real number, or None."""
    from mistake_models.common import real

    try:
        arr = real(value)
    except (TypeError, ValueError):
        return None
    return float(arr) if arr.shape == () and np.isfinite(arr) else None


def spectral_unconverged(ctx: CheckContext) -> bool:
    """A value up to 25% below sigma_1: where an unconverged power iteration stops (it never overshoots); not
    another singular value exactly (a start vector that is a singular vector: mistake other_singular_value)."""
    from mistake_models.eigen import other_singular_value

    actual, expected = _scalar(ctx.actual), float(ctx.expected)
    return actual is not None and 0.75 * expected <= actual < expected and not other_singular_value(ctx)


def power_iteration_few_steps(A: np.ndarray, steps: int = 12) -> float:
    """Mistake: ||A v|| after only a few steps of power iteration on A^T A (from a start that is no eigenvector)."""
    v = np.linspace(1.0, 2.0, A.shape[1]) if A.shape[1] > 1 else np.ones(1)
    if not np.any(A):
        return 0.0
    for _ in range(steps):
        v = A.T @ (A @ v)
        v = v / np.sqrt(np.sum(v * v))
    return float(np.sqrt(np.sum((A @ v) ** 2)))


def rows_slightly_short(ctx: CheckContext) -> bool:
    """Every row along the expected direction, nonzero rows short of unit length but not 0 (an epsilon added to
    the length, or the length clamped to at least an epsilon: tiny rows come out much shorter)."""
    from mistake_models.common import real

    try:
        actual = real(ctx.actual)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(ctx.expected, dtype=float)
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)):
        return False
    lengths = np.sum(actual * expected, axis=1, keepdims=True)
    along = np.allclose(actual, lengths * expected, rtol=1e-9, atol=1e-12)
    nonzero = np.any(expected != 0, axis=1)
    short = lengths[nonzero, 0]
    # an epsilon that small leaves the longest row all but unit (X / norm(X) for a whole X shortens every row)
    return bool(along and short.size and np.all((short > 0) & (short <= 1.0)) and np.any(short < 1 - 1e-9)
                and np.max(short) >= 0.99)


def normalize_rows_with_epsilon(X: np.ndarray) -> np.ndarray:
    """Mistake: each row divided by its length plus 1e-6."""
    return X / (np.sqrt(np.sum(X * X, axis=1, keepdims=True)) + 1e-6)
