"""Mistaken answers of the determinant topic."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext

from mistake_models.common import real, with_cutoff
from reference import determinant as _reference_determinant
from reference.determinant import slogdet


def slogdet_singular_sign_one(A: np.ndarray) -> tuple[float, float]:
    """Mistake: (1.0, -inf) for a singular A, the sign left at its starting value."""
    sign, logabsdet = slogdet(A)
    return (1.0, -np.inf) if sign == 0.0 else (sign, logabsdet)


def determinant_diagonal_product(A: np.ndarray) -> float:
    """Mistake: the product of A's diagonal, without eliminating first."""
    return float(np.prod(np.diag(np.asarray(A, dtype=float))))


def slogdet_det_only(A: np.ndarray) -> float:
    """Mistake: the determinant itself returned, not (sign, logabsdet)."""
    sign, logabsdet = slogdet(A)
    return float(sign * np.exp(logabsdet))


def singular_nan(ctx: CheckContext) -> bool:
    """NaN in the answer for a singular A: a zero pivot divided by (0/0) instead of stopping."""
    try:
        expected_sign = float(np.asarray(ctx.expected[0], dtype=float))
        actual = real(ctx.actual)
    except (TypeError, ValueError, IndexError):
        return False
    return expected_sign == 0.0 and bool(np.any(np.isnan(actual)))


def slogdet_zero_pivot_nan(A: np.ndarray) -> tuple[float, float]:
    """Mistake: (nan, nan) for a singular A, as elimination without a zero-pivot guard gives."""
    sign, logabsdet = slogdet(A)
    return (np.nan, np.nan) if sign == 0.0 else (sign, logabsdet)


def overflowed(ctx: CheckContext) -> bool:
    """NaN or inf in the answer for a nonsingular A (det A formed, overflowing or underflowing float64)."""
    try:
        expected_sign = float(np.asarray(ctx.expected[0], dtype=float))
        actual = real(ctx.actual)
    except (TypeError, ValueError, IndexError):
        return False
    return expected_sign != 0.0 and not bool(np.all(np.isfinite(actual)))


def slogdet_via_det(A: np.ndarray) -> tuple[float, float]:
    """Mistake: log|det A| of the determinant itself, which overflows (or underflows to 0) beyond float64's range."""
    sign, logabsdet = slogdet(A)
    if sign == 0.0 or abs(logabsdet) < 700:
        return sign, logabsdet
    return sign, (np.inf if logabsdet > 0 else -np.inf)


# tiny_zeroed examples: the reference with an absolute cutoff (1e-3 catches the cosines near 5e-4)
determinant_cutoff = with_cutoff(_reference_determinant.determinant, 1e-10)
triangle_area_cutoff = with_cutoff(_reference_determinant.triangle_area, 1e-10)


def zero_for_nonsingular(ctx: CheckContext) -> bool:
    """det A returned as exactly 0 for a matrix that is not singular (nor so small that a cutoff explains it):
    a zero pivot taken for singularity, where a row below (further down, or with a negative entry) would do."""
    try:
        size = np.asarray(ctx.inputs["A"]).shape[0]
        return size >= 2 and float(real(ctx.actual)) == 0.0 and abs(float(ctx.expected)) >= 1e-3
    except (TypeError, ValueError, KeyError, IndexError):  # a 1x1 A has no pivot to swap: a missing base case
        return False


def determinant_gives_up_on_zero_pivot(A: np.ndarray) -> float | None:
    """Mistake (an example of zero_for_nonsingular): 0 as soon as the leading pivot is 0; None where it is not."""
    a = np.asarray(A, dtype=float)
    return 0.0 if a[0, 0] == 0 and abs(float(np.linalg.det(a))) >= 1e-3 else None


def slogdet_singular_for_nonsingular(ctx: CheckContext) -> bool:
    """(0, -inf) returned, singular, for a matrix that is not: a zero pivot taken for singularity (a sign of +-1
    with -inf is a product that underflowed, another mistake)."""
    try:
        return float(real(ctx.actual[0])) == 0.0 and bool(np.isneginf(float(real(ctx.actual[1])))) \
            and bool(np.isfinite(float(ctx.expected[1])))
    except (TypeError, ValueError, IndexError):
        return False


def slogdet_gives_up_on_zero_pivot(A: np.ndarray) -> tuple[float, float] | None:
    """Mistake (an example of slogdet_singular_for_nonsingular): singular as soon as the leading pivot is 0."""
    a = np.asarray(A, dtype=float)
    return (0.0, -np.inf) if a[0, 0] == 0 and np.isfinite(slogdet(a)[1]) else None
