"""Property checks for eigenproblems: residual, orthonormality and order, never entries of V."""

from __future__ import annotations

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, check, flip_signs, items, variants
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
        return Mismatch(f"eigenvalue {worst} is wrong: expected {w_ref[worst]:.10g}, got {w[worst]:.10g}",
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
