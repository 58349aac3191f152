"""Property checks for LU, QR and Cholesky: structure, scaled residuals and orthogonality (NUMERICS.md §1A).

Entries that must be zero (above the diagonal of L, below that of U or R) may hold rounding
residue of the size n*eps*‖A‖: elimination and Householder loops written naturally leave
such residue in most cases, so a scaled tolerance `zero` (in units of n*eps*scale) is used.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, check, flip_signs, items, variants
from grader.results import Mismatch

TINY = np.finfo(float).tiny


def _norm1(a: np.ndarray) -> float:
    """‖A‖₁, never 0."""
    return max(float(np.linalg.norm(a, 1)), TINY)


def _nonfinite(values: list[np.ndarray], names: tuple[str, ...]) -> Mismatch | None:
    """A mismatch naming the first returned factor with NaN or inf."""
    for value, name in zip(values, names):
        if not np.all(np.isfinite(value)):
            return Mismatch(f"{name} contains NaN or inf", where=name)
    return None


def _not_triangular(matrix: np.ndarray, name: str, lower: bool, bound: float) -> Mismatch | None:
    """A mismatch if entries on the wrong side of the diagonal exceed bound in magnitude."""
    wrong_side = np.triu(matrix, 1) if lower else np.tril(matrix, -1)
    worst = np.unravel_index(int(np.argmax(np.abs(wrong_side))), matrix.shape) if matrix.size else (0, 0)
    if matrix.size == 0 or abs(wrong_side[worst]) <= bound:
        return None
    i, j = (int(k) for k in worst)
    side = "above" if lower else "below"
    kind = "lower" if lower else "upper"
    return Mismatch(f"{name} is not {kind} triangular: {name}[{i}, {j}] = {wrong_side[i, j]:.6g} is {side} the "
                    f"diagonal (entries there must be 0)", where=f"{name} at index [{i}, {j}]")


def _residual(product: np.ndarray, a: np.ndarray, count: int) -> float:
    """‖product - A‖₁ / (count * eps * ‖A‖₁), LAPACK's dget01/dqrt01 ratio."""
    return float(np.linalg.norm(product - a, 1)) / (count * EPS * _norm1(a))


def _permutation_problem(p: np.ndarray) -> Mismatch | None:
    """A mismatch unless P holds only exact 0s and 1s with one 1 in each row and each column."""
    if not np.all((p == 0) | (p == 1)):
        bad = tuple(int(k) for k in np.argwhere((p != 0) & (p != 1))[0])
        return Mismatch(f"P must be a permutation matrix of exact 0s and 1s, but P[{bad[0]}, {bad[1]}] = "
                        f"{p[bad]:.6g}", where=f"P at index [{bad[0]}, {bad[1]}]")
    if not (np.all(p.sum(axis=0) == 1) and np.all(p.sum(axis=1) == 1)):
        return Mismatch("P must be a permutation matrix: exactly one 1 in each row and each column",
                        where="P")
    return None


@check("lu")
def lu(ctx: CheckContext, *, residual: float = 100.0, zero: float = 100.0, matrix: str = "A") -> Mismatch | None:
    """(P, L, U) with A = P L U: P a 0/1 permutation, L unit lower with |L| <= 1, U upper, and
    ‖PLU - A‖₁/(n eps ‖A‖₁) <= residual."""
    try:
        _expected, (p, lower, upper) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    n = len(a)
    found = (_nonfinite([p, lower, upper], ("P", "L", "U")) or _permutation_problem(p)
             or _not_triangular(lower, "L", True, zero * n * EPS)
             or _unit_diagonal(lower, zero * n * EPS)
             or _not_triangular(upper, "U", False, zero * n * EPS * _norm1(a))
             or _multipliers_bounded(lower, zero * EPS))
    if found is not None:
        return found
    ratio = _residual(p @ lower @ upper, a, n)
    if ratio > residual:
        return Mismatch(f"P @ L @ U does not reproduce A (scaled residual {ratio:.3g}, allowed {residual:g}); the "
                        "convention is A = P @ L @ U, as scipy.linalg.lu returns", where="the result",
                        max_abs=float(np.max(np.abs(p @ lower @ upper - a))))
    return None


def _unit_diagonal(lower: np.ndarray, bound: float) -> Mismatch | None:
    """A mismatch unless L has ones on its diagonal."""
    off = np.abs(np.diag(lower) - 1.0)
    if off.size == 0 or np.max(off) <= bound:
        return None
    i = int(np.argmax(off))
    return Mismatch(f"L must have ones on its diagonal (unit lower triangular), but L[{i}, {i}] = "
                    f"{lower[i, i]:.6g}", where=f"L at index [{i}, {i}]")


def _multipliers_bounded(lower: np.ndarray, bound: float) -> Mismatch | None:
    """A mismatch if some multiplier exceeds 1 in magnitude (no partial pivoting)."""
    big = np.abs(np.tril(lower, -1))
    if big.size == 0 or np.max(big) <= 1.0 + bound:
        return None
    i, j = (int(k) for k in np.unravel_index(int(np.argmax(big)), big.shape))
    return Mismatch(f"|L[{i}, {j}]| = {abs(lower[i, j]):.6g} exceeds 1: with partial pivoting every multiplier is "
                    "at most 1 in magnitude, because each column's pivot is its entry of largest magnitude",
                    where=f"L at index [{i}, {j}]")


@variants("lu")
def lu_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, Any]]:
    """P as an integer matrix, and ties between pivot candidates broken by the last row instead of
    the first. For the planted inputs partial pivoting has no ties, so (P, L, U) is otherwise
    unique; on inputs with ties (the pivot-tie edge case) the other choice is just as valid."""
    p, lower, upper = ctx.expected
    return [("P as integers", (np.asarray(p).astype(int), lower, upper)),
            ("pivot ties broken by the last row", _lu_last_tie(np.asarray(ctx.inputs["A"], dtype=float)))]


def _lu_last_tie(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Partial pivoting that takes the last of equally large candidates (A nonsingular)."""
    u = a.copy()
    n = len(u)
    lower = np.eye(n)
    perm = np.arange(n)
    for k in range(n - 1):
        column = np.abs(u[k:, k])
        pivot = k + int(np.flatnonzero(column == column.max())[-1])
        u[[k, pivot]] = u[[pivot, k]]
        lower[[k, pivot], :k] = lower[[pivot, k], :k]
        perm[[k, pivot]] = perm[[pivot, k]]
        lower[k + 1:, k] = u[k + 1:, k] / u[k, k]
        u[k + 1:, k:] -= np.outer(lower[k + 1:, k], u[k, k:])
    return np.eye(n)[:, perm], lower, np.triu(u)


@check("qr")
def qr(ctx: CheckContext, *, residual: float = 1e4, orthogonality: float = 1e4, zero: float = 100.0,
       matrix: str = "A") -> Mismatch | None:
    """(Q, R), the reduced QR in any signs: ‖QR - A‖₁/(m eps ‖A‖₁) <= residual, ‖QᵀQ - I‖₁/(m eps)
    <= orthogonality, R upper triangular."""
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    m, n = a.shape
    complete = _complete_qr(ctx.actual, m, n)
    if complete is not None:
        return complete
    try:
        _expected, (q, r) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    found = (_nonfinite([q, r], ("Q", "R")) or _not_triangular(r, "R", False, zero * m * EPS * _norm1(a)))
    if found is not None:
        return found
    orth = float(np.linalg.norm(q.T @ q - np.eye(n), 1)) / (m * EPS)
    if orth > orthogonality:
        lengths = np.linalg.norm(q, axis=0)
        summary = (f"the columns of Q are not orthonormal (‖QᵀQ - I‖ / (m eps) = {orth:.3g}, "
                   f"allowed {orthogonality:g})")
        if np.max(np.abs(lengths - 1.0)) > 1e-6:
            summary += f"; their lengths are {np.array2string(lengths, precision=4)}, not 1"
        return Mismatch(summary, where="Q", invariance="the signs of the columns of Q and rows of R")
    ratio = _residual(q @ r, a, m)
    if ratio > residual:
        return Mismatch(f"Q @ R does not reproduce A (scaled residual {ratio:.3g}, allowed {residual:g})",
                        where="the result", max_abs=float(np.max(np.abs(q @ r - a))),
                        invariance="the signs of the columns of Q and rows of R")
    return None


def _complete_qr(actual: Any, m: int, n: int) -> Mismatch | None:
    """A specific message for the complete QR (Q m x m, R m x n) where the reduced one is asked for."""
    if m == n or not isinstance(actual, (tuple, list)) or len(actual) != 2:
        return None
    try:
        shapes = [np.shape(x) for x in actual]
    except (TypeError, ValueError):
        return None
    if shapes[0] == (m, m):
        return Mismatch(f"Q has shape {(m, m)}: that is the complete QR; the reduced QR keeps the first {n} columns "
                        f"of Q (shape {(m, n)}) and the first {n} rows of R (shape {(n, n)})", where="Q")
    return None


@variants("qr")
def qr_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, Any]]:
    """Q D and D R for any diagonal D of signs are just as valid."""
    q, r = ctx.expected
    flipped, signs = flip_signs(np.asarray(q), rng)
    return [("column signs of Q flipped with the rows of R", (flipped, np.asarray(r) * signs[:, None]))]


@check("cholesky")
def cholesky(ctx: CheckContext, *, residual: float = 1e3, zero: float = 100.0, matrix: str = "A") -> Mismatch | None:
    """L lower triangular with a positive diagonal and ‖LLᵀ - A‖₁/(n eps ‖A‖₁) <= residual; such an L
    is unique, so this is equivalent to closeness to the reference."""
    try:
        _expected, (lower,) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    n = len(a)
    found = (_nonfinite([lower], ("L",))
             or _not_triangular(lower, "L", True, zero * n * EPS * np.sqrt(float(np.max(np.abs(a))))))
    if found is not None:
        return found
    diagonal = np.diag(lower)
    if np.any(diagonal <= 0):
        i = int(np.argmin(diagonal))
        return Mismatch(f"the diagonal of L must be positive, but L[{i}, {i}] = {diagonal[i]:.6g}",
                        where=f"L at index [{i}, {i}]")
    ratio = _residual(lower @ lower.T, a, n)
    if ratio > residual:
        return Mismatch(f"L @ L.T does not reproduce A (scaled residual {ratio:.3g}, allowed {residual:g})",
                        where="the result", max_abs=float(np.max(np.abs(lower @ lower.T - a))))
    return None
