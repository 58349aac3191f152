"""Mistaken answers of the norms topic."""

from __future__ import annotations

import math

import numpy as np

from grader.checks.core import CheckContext
from grader.mistakes import nonfinite
from mistake_models.common import with_cutoff, without_error

from reference import norms
from reference import norms as _reference_norms


def frobenius_trace_of_square(A: np.ndarray) -> float:
    """Mistake: sqrt(trace(A @ A)) for sqrt(trace(A.T @ A)) (raises ValueError for a non-square A)."""
    a = np.asarray(A, dtype=float)
    return float(np.sqrt(np.trace(a @ a)))


def lp_norm_p50(x: np.ndarray, p: float) -> float:
    """Mistake: p = inf replaced by a large finite p (50) in the p-norm formula."""
    if not math.isinf(p):
        return norms.lp_norm(x, p)
    a = np.abs(np.asarray(x, dtype=float))
    top = float(a.max()) if a.size else 0.0
    return top * float(np.sum((a / top) ** 50) ** (1 / 50)) if top else 0.0


def lp_norm_mean(x: np.ndarray, p: float) -> float:
    """Mistake: the mean of |x_i|^p instead of the sum, then the 1/p-th power."""
    a = np.abs(np.asarray(x, dtype=float))
    if math.isinf(p):
        return float(a.max())
    return float(np.mean(a ** p) ** (1 / p))


def normalize_rows_abs(X: np.ndarray) -> np.ndarray:
    """Mistake: the signs lost, |X| divided by the row lengths."""
    return np.abs(norms.normalize_rows(np.asarray(X, dtype=float)))




trace_of_square_example = without_error(frobenius_trace_of_square)


def lp_norm_integer_root(x: np.ndarray, p: float) -> float:
    """Mistake: the root taken as 1 // p (integer division: 0 for p > 1, so the answer is 1)."""
    a = np.abs(np.asarray(x, dtype=float))
    if math.isinf(p):
        return float(a.max())
    return float(np.sum(a ** p) ** (1 // p))


def lp_nan_from_negative_power(ctx: CheckContext) -> bool:
    """NaN or inf where x has a negative entry and p is fractional: a negative number to a fractional power."""
    x, p = np.asarray(ctx.inputs["x"], dtype=float), float(ctx.inputs["p"])
    return nonfinite(ctx) and bool(np.any(x < 0)) and math.isfinite(p) and p != round(p)


def lp_zero_division(ctx: CheckContext) -> bool:
    """NaN or inf for the zero vector: a division by its largest entry (or norm), 0."""
    return nonfinite(ctx) and not bool(np.any(np.asarray(ctx.inputs["x"], dtype=float)))


def lp_negative_power(x: np.ndarray, p: float) -> float | None:
    """Mistake (an example of lp_nan_from_negative_power): numpy's x ** p without absolute values, NaN for a
    negative entry and a fractional p; None where the case cannot show it."""
    a = np.asarray(x, dtype=float)
    if not (math.isfinite(p) and p != round(p) and np.any(a < 0)):
        return None
    with np.errstate(all="ignore"):
        return float(np.sum(a ** p) ** (1.0 / p))


def lp_unguarded_scaling(x: np.ndarray, p: float) -> float | None:
    """Mistake (an example of lp_zero_division): x scaled by its largest entry with no zero guard, NaN for the
    zero vector; None where the case cannot show it."""
    a = np.abs(np.asarray(x, dtype=float))
    if np.any(a) or math.isinf(p):
        return None
    with np.errstate(all="ignore"):
        top = a.max()
        return float(top * np.sum((a / top) ** p) ** (1.0 / p))


# tiny_zeroed examples: the reference with an absolute cutoff (1e-3 catches the cosines near 5e-4)
lp_norm_cutoff = with_cutoff(_reference_norms.lp_norm, 1e-10)
frobenius_norm_cutoff = with_cutoff(_reference_norms.frobenius_norm, 1e-10)


def nonzero_row_zeroed(ctx: CheckContext) -> bool:
    """Mistake predicate: a row of X that is not all zeros came out all zeros (a zero-row test that also caught
    it: an absolute cutoff on the length, or a test of the row's sum)."""
    try:
        x = np.asarray(ctx.inputs["X"], dtype=float)
        actual = np.asarray(ctx.actual, dtype=float)
    except (KeyError, TypeError, ValueError):
        return False
    if actual.shape != x.shape or x.ndim != 2:
        return False
    return bool(np.any(np.any(x != 0, axis=1) & np.all(actual == 0, axis=1)))


def normalize_rows_cutoff(X: np.ndarray) -> np.ndarray | None:
    """Mistake: rows shorter than 1e-10 taken for all-zero rows (None where X has no such nonzero row)."""
    x = np.asarray(X, dtype=float)
    lengths = np.sqrt(np.sum(x * x, axis=1, keepdims=True))
    cut = (lengths < 1e-10) & np.any(x != 0, axis=1, keepdims=True)
    if not np.any(cut):
        return None
    return np.where(cut | (lengths == 0), 0.0, x / np.where(lengths == 0, 1.0, lengths))


def normalize_rows_whole(X: np.ndarray) -> np.ndarray:
    """Mistake: X divided by the norm of the whole matrix (np.linalg.norm(X) without axis=1)."""
    x = np.asarray(X, dtype=float)
    total = float(np.sqrt(np.sum(x * x)))
    return x / total if total else x.copy()
