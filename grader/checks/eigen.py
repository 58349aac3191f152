"""Property checks for eigenproblems: residual, orthonormality and order, never entries of V."""

from __future__ import annotations

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, apart, check, flip_signs, items, variants
from grader.results import Mismatch


@check("eigh")
def eigh(ctx: CheckContext, *, residual: float = 1e4, orthogonality: float = 1e4, values: float = 1e4,
         matrix: str = "A") -> Mismatch | None:
    """(w, V) with A V = V diag(w), V^T V = I and w ascending (LAPACK's dsyt21-style ratios)."""
    try:
        (w_ref, _v_ref), (w, v) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    n = a.shape[0]
    norm1 = max(np.linalg.norm(a, 1), np.finfo(float).tiny)
    norm2 = max(np.linalg.norm(a, 2), np.finfo(float).tiny)
    if not np.all(np.isfinite(w)) or not np.all(np.isfinite(v)):
        return Mismatch("the answer contains NaN or inf", where="the result")
    if n > 1 and np.any(np.diff(w) < 0):
        return Mismatch(f"the eigenvalues are not in ascending order: {np.array2string(w, precision=4)}",
                        where="item 0 of the result")
    invariance = "the sign of each eigenvector"
    ratio = np.max(np.abs(w - w_ref)) / (n * EPS * norm2)
    if ratio > values:
        worst = int(np.argmax(np.abs(w - w_ref)))
        return Mismatch("eigenvalue {} is wrong: expected {}, got {}".format(worst, *apart(w_ref[worst], w[worst])),
                        where=f"item 0 of the result at index [{worst}]", max_abs=float(np.max(np.abs(w - w_ref))),
                        invariance=invariance)
    res = np.linalg.norm(a @ v - v * w, 1) / (n * EPS * norm1)
    if res > residual:
        col = int(np.argmax(np.linalg.norm(a @ v - v * w, axis=0)))
        return Mismatch(f"A V is not V diag(w): column {col} of V is not an eigenvector for w[{col}] "
                        f"(scaled residual {res:.3g}, allowed {residual:g})", where=f"item 1 of the result, column {col}",
                        max_abs=float(np.max(np.abs(a @ v - v * w))), invariance=invariance)
    orth = np.linalg.norm(v.T @ v - np.eye(n), 1) / (n * EPS)
    if orth > orthogonality:
        return Mismatch(f"the columns of V are not orthonormal (scaled |V^T V - I| = {orth:.3g}, allowed "
                        f"{orthogonality:g})", where="item 1 of the result", invariance=invariance)
    return None


@variants("eigh")
def eigh_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """Eigenvectors with other column signs are just as valid."""
    w, v = ctx.expected
    flipped, _ = flip_signs(np.asarray(v), rng)
    return [("eigenvector signs flipped", (w, flipped))]


def _norm2(a: np.ndarray) -> float:
    """‖A‖₂, never 0 (so ratios stay finite for a zero matrix)."""
    return max(float(np.linalg.norm(a, 2)), np.finfo(float).tiny)


def _nonfinite(*values: np.ndarray) -> Mismatch | None:
    """A mismatch if any returned value is NaN or infinite."""
    for i, value in enumerate(values):
        if not np.all(np.isfinite(value)):
            where = "the result" if len(values) == 1 else f"item {i} of the result"
            return Mismatch(f"{where} contains NaN or inf", where=where)
    return None


@check("power_iteration")
def power_iteration(ctx: CheckContext, *, value: float = 1e4, residual: float = 1e4, norm: float = 1e4,
                    matrix: str = "A") -> Mismatch | None:
    """(lam, v): v of unit length, lam within value*eps relative of the dominant eigenvalue, and
    ‖Av - lam v‖/(‖A‖₂‖v‖) <= residual*eps; the sign of v is free (NUMERICS.md §1A)."""
    try:
        (lam_ref, _v_ref), (lam, v) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    found = _nonfinite(lam, v)
    if found is not None:
        return found
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    length = float(np.linalg.norm(v))
    if abs(length - 1.0) > norm * EPS:
        return Mismatch(f"v is not a unit vector: its length is {apart(length, 1.0, 6)[0]}; divide it by its norm",
                        where="item 1 of the result", invariance="the sign of v")
    lam, lam_ref = float(lam), float(lam_ref)
    if abs(lam - lam_ref) > value * EPS * abs(lam_ref):
        shown_ref, shown = apart(lam_ref, lam)
        summary = f"the eigenvalue of largest magnitude is {shown_ref}, got {shown}"
        if abs(lam + lam_ref) <= value * EPS * abs(lam_ref):
            summary += " (the right size, the wrong sign)"
        return Mismatch(summary, where="item 0 of the result", max_abs=abs(lam - lam_ref),
                        max_rel=abs(lam - lam_ref) / abs(lam_ref))
    ratio = float(np.linalg.norm(a @ v - lam * v)) / (_norm2(a) * length * EPS)
    if ratio > residual:
        return Mismatch(f"v is not an eigenvector for lam: ‖A v - lam v‖ / (‖A‖ ‖v‖) is {ratio * EPS:.3g} "
                        f"(allowed {residual * EPS:.2g}); did the iteration run num_iters times?",
                        where="item 1 of the result", invariance="the sign of v")
    return None


@variants("power_iteration")
def power_iteration_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """-v is as good a unit eigenvector as v; lam may be a Python float."""
    lam, v = ctx.expected
    return [("eigenvector negated", (lam, -np.asarray(v))), ("lam as a Python float", (float(lam), v))]


@check("eigvals_2x2")
def eigvals_2x2(ctx: CheckContext, *, tol: float = 1e4, matrix: str = "A") -> Mismatch | None:
    """Two eigenvalues in any order: their sum is tr A and their product det A, within tol*eps
    relative to ‖A‖₂ and ‖A‖₂² (NUMERICS.md §1A); a real pair may come back as complex with 0j."""
    try:
        (expected,), (actual,) = items(ctx, allow_complex=True)
    except Shape as exc:
        return exc.mismatch
    found = _nonfinite(actual)
    if found is not None:
        return found
    a = np.asarray(ctx.inputs[matrix], dtype=float)
    trace, det = a[0, 0] + a[1, 1], a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]
    size = _norm2(a)
    total, product = complex(actual[0] + actual[1]), complex(actual[0] * actual[1])
    got = np.array2string(actual.real if np.all(actual.imag == 0) else actual, precision=6)
    if not abs(total - trace) <= tol * EPS * size:  # NaN-safe
        return Mismatch(f"the eigenvalues {got} should add up to the trace of A, {trace:.10g}, but add up to "
                        f"{_number(total)}", where="the result", max_abs=abs(total - trace))
    if not abs(product - det) <= tol * EPS * size * size:  # NaN-safe
        summary = (f"the eigenvalues {got} should multiply to det A = {det:.10g}, but multiply to "
                   f"{_number(product)}")
        if np.iscomplexobj(expected) and np.all(np.imag(actual) == 0):
            summary += "; this A has a complex pair of eigenvalues (tr² - 4 det < 0)"
        return Mismatch(summary, where="the result", max_abs=abs(product - det))
    return None


def _number(z: complex) -> str:
    """A complex number, shown as real when its imaginary part is 0."""
    return f"{z.real:.10g}" if z.imag == 0 else f"{z.real:.6g}{z.imag:+.6g}j"


@variants("eigvals_2x2")
def eigvals_2x2_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """Either order; a real pair given as complex numbers with zero imaginary parts."""
    w = np.asarray(ctx.expected)
    return [("the other order", w[::-1].copy()), ("as complex numbers", w.astype(complex)),
            ("as a tuple of Python numbers", tuple(complex(x) if np.iscomplexobj(w) else float(x) for x in w))]
