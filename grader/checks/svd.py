"""Property checks for the SVD topic: reconstruction, orthogonality and order, never entries of U or V.

Ratios follow LAPACK's test drivers (NUMERICS.md §1A): errors divided by max(m, n) * eps and
by a norm of A, so that one threshold fits every size and scale.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, allclose, apart, check, flip_signs, items, scale, variants
from grader.results import Mismatch

SIGN_INVARIANCE = "the signs of matching columns of U and rows of Vt (flipped together)"


def spectral_norm(a: np.ndarray) -> float:
    """sigma_1 of a matrix, at least the smallest positive float."""
    return float(max(np.linalg.norm(a, 2), np.finfo(float).tiny)) if a.size else np.finfo(float).tiny


@scale("largest_singular_value")
def _largest_singular_value(ctx: CheckContext) -> float:
    """sigma_1 of the input A: the size of every entry's rounding error in an SVD-based answer."""
    return spectral_norm(np.asarray(ctx.inputs["A"], dtype=float))


def answer_shapes(actual: Any) -> list[tuple[int, ...]] | None:
    """The shapes of a 3-item answer, or None if it is not one."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        return None
    try:
        return [np.shape(item) for item in actual]
    except (TypeError, ValueError):
        return None


def has_full_shapes(shapes: list[tuple[int, ...]], m: int, n: int) -> bool:
    """U (m, m) or Vt (n, n) where that is more than k = min(m, n) singular vectors: the full SVD."""
    k = min(m, n)
    return (shapes[0] == (m, m) and m > k) or (shapes[2] == (n, n) and n > k)


def shape_hint(actual: Any, m: int, n: int) -> Mismatch | None:
    """Name the full SVD, or V in place of Vt, when the shapes say so (m != n only)."""
    shapes = answer_shapes(actual)
    if shapes is None:
        return None
    k = min(m, n)
    if has_full_shapes(shapes, m, n):
        return Mismatch(f"U has shape {shapes[0]} and Vt {shapes[2]}: that is the full SVD. Return the reduced one, "
                        f"U ({m}, {k}), s ({k},), Vt ({k}, {n}), keeping only the k = min(m, n) = {k} singular "
                        "vectors that go with singular values", where="items 0 and 2 of the result")
    if shapes[2] == (n, k) and n != k:
        return Mismatch(f"item 2 has shape ({n}, {k}), the shape of V: return Vt = V.T, shape ({k}, {n}), "
                        "with the right singular vectors as its rows", where="item 2 of the result")
    return None


def full_svd(ctx: CheckContext) -> bool:
    """Mistake predicate: the answer has the shapes of the full SVD."""
    shapes = answer_shapes(ctx.actual)
    m, n = np.shape(ctx.inputs["A"])
    return shapes is not None and has_full_shapes(shapes, m, n)


def order_problem(s: np.ndarray) -> Mismatch | None:
    """s must be nonnegative and descending."""
    if np.any(s < 0):
        i = int(np.argmin(s))
        return Mismatch(f"singular value {i} is negative ({s[i]:.6g}): singular values are >= 0; put the sign "
                        "into the matching column of U or row of Vt instead",
                        where=f"item 1 of the result at index [{i}]")
    if s.size > 1 and np.any(np.diff(s) > 0):
        return Mismatch(f"the singular values are not in descending order: {np.array2string(s, precision=4)}",
                        where="item 1 of the result")
    return None


def orthonormal_problem(q: np.ndarray, name: str, item: int, limit: float, p: int) -> Mismatch | None:
    """Columns (item 0) or rows (item 2) of q orthonormal: ||Q^T Q - I||_1 / (p eps) <= limit."""
    cols = q if item == 0 else q.T
    k = cols.shape[1]
    ratio = np.linalg.norm(cols.T @ cols - np.eye(k), 1) / (p * EPS)
    if ratio <= limit:
        return None
    lengths = np.linalg.norm(cols, axis=0)
    what = "columns" if item == 0 else "rows"
    detail = (f"their lengths are {np.array2string(lengths, precision=4)}, not 1"
              if np.max(np.abs(lengths - 1)) > 1e-6 else "they are not orthogonal to each other")
    return Mismatch(f"the {what} of {name} are not orthonormal: {detail} (scaled |{name}^T {name} - I| = {ratio:.3g}, "
                    f"allowed {limit:g})", where=f"item {item} of the result", invariance=SIGN_INVARIANCE)


def unmatched_pairs(a: np.ndarray, u: np.ndarray, s: np.ndarray, vt: np.ndarray) -> list[int]:
    """Indices i where u_i and v_i are right up to sign but A v_i = -sigma_i u_i (empty if the factors are off)."""
    if s.size == 0 or not all(np.all(np.isfinite(x)) for x in (u, s, vt)):
        return []
    k = s.size
    tol = 1e-6
    if not (np.linalg.norm(u.T @ u - np.eye(k)) <= tol and np.linalg.norm(vt @ vt.T - np.eye(k)) <= tol):
        return []
    core = u.T @ a @ vt.T
    if not np.max(np.abs(np.abs(core) - np.diag(np.abs(s)))) <= tol * max(float(np.max(np.abs(s))), np.finfo(float).tiny):
        return []
    return [int(i) for i in np.flatnonzero(np.diag(core) * np.sign(s) < 0)]


def sign_pairing_note(a: np.ndarray, u: np.ndarray, s: np.ndarray, vt: np.ndarray) -> str:
    """Why A != U diag(s) Vt when each factor is right on its own: the signs of some pairs do not match."""
    flipped = unmatched_pairs(a, u, s, vt)
    if not flipped:
        return ""
    return (f". Each factor is right on its own, but column {flipped[0]} of U and row {flipped[0]} of Vt have "
            "unmatched signs (A v_i = -sigma_i u_i): if you computed U and V by separate eigen-decompositions, "
            "compute U from V instead, u_i = A v_i / sigma_i")


def unmatched_signs(ctx: CheckContext) -> bool:
    """Mistake predicate: U and Vt each right up to signs, but some pair u_i, v_i with opposite signs."""
    try:
        _, (u, s, vt) = items(ctx)
    except Shape:
        return False
    return bool(unmatched_pairs(np.asarray(ctx.inputs["A"], dtype=float), u, s, vt))


@check("svd")
def svd(ctx: CheckContext, *, reconstruction: float = 1e4, orthogonality: float = 1e5,
        values: float = 1e4) -> Mismatch | None:
    """Reduced (U, s, Vt): A = U diag(s) Vt, U and Vt orthonormal, s >= 0 descending and close to the reference."""
    a = np.asarray(ctx.inputs["A"], dtype=float)
    m, n = a.shape
    p = max(m, n)
    hint = shape_hint(ctx.actual, m, n)
    if hint is not None:
        return hint
    try:
        (_u_ref, s_ref, _vt_ref), (u, s, vt) = items(ctx)
    except Shape as exc:
        return exc.mismatch
    if not all(np.all(np.isfinite(x)) for x in (u, s, vt)):
        return Mismatch("the answer contains NaN or inf", where="the result")
    found = order_problem(s)
    if found is not None:
        return found
    sigma1 = spectral_norm(a)
    err = np.abs(s - s_ref)
    if np.max(err, initial=0.0) / (p * EPS * sigma1) > values:
        i = int(np.argmax(err))
        return Mismatch("singular value {} is wrong: expected {}, got {}".format(i, *apart(s_ref[i], s[i])),
                        where=f"item 1 of the result at index [{i}]", max_abs=float(err[i]))
    for q, name, item in ((u, "U", 0), (vt, "Vt", 2)):
        found = orthonormal_problem(q, name, item, orthogonality, p)
        if found is not None:
            return found
    residual = (u * s) @ vt - a
    ratio = np.linalg.norm(residual, 1) / (p * EPS * max(np.linalg.norm(a, 1), np.finfo(float).tiny))
    if ratio > reconstruction:
        return Mismatch(f"U diag(s) Vt is not A (scaled error {ratio:.3g}, allowed {reconstruction:g})"
                        + sign_pairing_note(a, u, s, vt), where="the result",
                        max_abs=float(np.max(np.abs(residual))), invariance=SIGN_INVARIANCE)
    return None


@variants("svd")
def svd_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """Paired sign flips, and the naive SVD from eigh(A^T A), are just as valid."""
    from reference.svd import svd_via_gram

    u, s, vt = (np.asarray(x) for x in ctx.expected)
    flipped, signs = flip_signs(u, rng)
    return [("paired signs flipped", (flipped, s, vt * signs[:, None])),
            ("SVD via eigh(A^T A)", svd_via_gram(ctx.inputs["A"]))]


@check("low_rank")
def low_rank(ctx: CheckContext, *, rtol: float = 1e-9, atol: float = 1e4,
             atol_scale: str = "largest_singular_value") -> Mismatch | None:
    """allclose to the (unique) best rank-k approximation, the absolute floor scaled to sigma_1 of A."""
    found = allclose(ctx, rtol=rtol, atol=atol, atol_scale=atol_scale)
    if found is None:
        return None
    k = int(ctx.inputs["k"])
    b = np.asarray(ctx.actual, dtype=float) if np.shape(ctx.actual) == np.shape(ctx.expected) else None
    if b is not None and np.all(np.isfinite(b)):
        sv = np.linalg.svd(b, compute_uv=False)
        rank = int(np.sum(sv > 1e-10 * spectral_norm(np.asarray(ctx.inputs["A"], dtype=float))))
        if rank != k:
            return replace(found, summary=f"{found.summary}. Your matrix has rank {rank}, but a rank-{k} "
                           "approximation was asked")
    return found


def low_rank_unmatched_signs(ctx: CheckContext) -> bool:
    """Mistake predicate: B = sum of +-sigma_i u_i v_i^T over the top k, with some sign wrong."""
    a = np.asarray(ctx.inputs["A"], dtype=float)
    k = int(ctx.inputs["k"])
    if np.shape(ctx.actual) != a.shape:
        return False
    b = np.asarray(ctx.actual, dtype=float)
    if not np.all(np.isfinite(b)):
        return False
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    core = u[:, :k].T @ b @ vt[:k].T
    tol = 1e-6 * spectral_norm(a)
    explained = np.linalg.norm(b - u[:, :k] @ core @ vt[:k], 2) <= tol
    signed = np.max(np.abs(np.abs(core) - np.diag(s[:k]))) <= tol
    return bool(explained and signed and np.any(np.diag(core) < 0))


@variants("low_rank")
def low_rank_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """The approximation from the naive SVD via eigh(A^T A) is just as valid."""
    from reference.svd import svd_via_gram

    u, s, vt = svd_via_gram(ctx.inputs["A"])
    k = int(ctx.inputs["k"])
    return [("rank-k from the SVD via eigh(A^T A)", (u[:, :k] * s[:k]) @ vt[:k])]
