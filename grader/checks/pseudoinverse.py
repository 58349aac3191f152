"""Checks for the pseudoinverse topic: Penrose conditions, residual orthogonality, row space.

Each property is a scaled ratio as in NUMERICS.md §1B, followed by a forward comparison with
the (unique) reference answer, whose absolute floor is scaled to the size of that answer.
"""

from __future__ import annotations

import numpy as np

from grader.checks.core import EPS, CheckContext, Shape, check, close, items, variants
from grader.checks.svd import spectral_norm
from grader.results import Mismatch

TINY = np.finfo(float).tiny


def one_array(ctx: CheckContext) -> tuple[np.ndarray, np.ndarray]:
    """(expected, actual) as float arrays of the same shape; raises Shape, or a Shape for NaN/inf."""
    (expected,), (actual,) = items(ctx)
    if not np.all(np.isfinite(actual)):
        bad = np.argwhere(~np.isfinite(actual))[0]
        raise Shape(Mismatch(f"the result contains NaN or inf (at index {bad.tolist()}): a division by zero or by a "
                             "singular value that is zero?", where=f"the result at index {bad.tolist()}"))
    return expected.astype(float), actual


def numerical_rank(a: np.ndarray) -> int:
    """Rank of a generated input: singular values above 1e-10 sigma_1 (its zero ones are ~1e-16 sigma_1)."""
    s = np.linalg.svd(a, compute_uv=False)
    return int(np.sum(s > 1e-10 * s[0])) if s.size and s[0] > 0 else 0


def drops_nonzero(a: np.ndarray, x: np.ndarray) -> bool:
    """An answer of lower rank than A: nonzero singular values were cut off."""
    return numerical_rank(x) < numerical_rank(a)


def outside_spaces(a: np.ndarray, x: np.ndarray) -> float:
    """||X - P_row X P_col||_F: the part of X that maps outside range(A^T) or reads from outside range(A).

    A^+ has none; 1/(a zero singular value of A, or of A^T A) puts a null vector of A there.
    """
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    r = numerical_rank(a)
    rows, cols = vt[:r].T, u[:, :r]
    return float(np.linalg.norm(x - rows @ (rows.T @ x @ cols) @ cols.T))


def inverts_zero(a: np.ndarray, x: np.ndarray, x_ref: np.ndarray) -> bool:
    """X has a part outside A's row and column spaces, more than 1e-6 of ||A^+||: a zero singular value inverted."""
    return outside_spaces(a, x) > 1e-6 * max(float(np.linalg.norm(x_ref)), TINY)


def rank_note(a: np.ndarray, x: np.ndarray, x_ref: np.ndarray) -> str:
    """Explain a pseudoinverse whose rank is wrong: a zero singular value inverted, or a nonzero one dropped."""
    if inverts_zero(a, x, x_ref):
        size = spectral_norm(x) / spectral_norm(x_ref)
        larger = f"your X is about {size:.1e} times too large and " if size > 1e3 else ""
        return (f". A has rank {numerical_rank(a)} and {larger}your X has a part along the null space of A: you "
                "inverted a singular value that is zero up to rounding (of A, or of A^T A). Treat singular values "
                "below a cutoff relative to the largest as exactly zero: they stay zero in the pseudoinverse")
    if drops_nonzero(a, x):
        return (f". A has rank {numerical_rank(a)} but your X only rank {numerical_rank(x)}: you dropped singular "
                "values that are not zero. Make the cutoff relative to the largest singular value (for example "
                "1e-10 * sigma_max), since A may be scaled by any factor")
    return ""


def _pinv_answer(ctx: CheckContext) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(A, X, X_ref) for a finite answer X of the right shape, else None."""
    try:
        x_ref, x = one_array(ctx)
    except Shape:
        return None
    return np.asarray(ctx.inputs["A"], dtype=float), x, x_ref


def inverted_zero_singular_value(ctx: CheckContext) -> bool:
    """Mistake predicate: a finite X with a part along the null space of A, from 1/(a zero singular value)."""
    found = _pinv_answer(ctx)
    return found is not None and inverts_zero(*found)


def dropped_singular_values(ctx: CheckContext) -> bool:
    """Mistake predicate: X of lower rank than A (a cutoff that is absolute, or too large)."""
    found = _pinv_answer(ctx)
    return found is not None and drops_nonzero(found[0], found[1]) and not inverts_zero(*found)


def penrose_ratios(a: np.ndarray, x: np.ndarray, x_ref: np.ndarray) -> list[tuple[str, float]]:
    """The four Penrose conditions as scaled ratios (P1/P2 by the norms of A and of the true A^+)."""
    p = max(a.shape)
    norm_a, norm_x = spectral_norm(a), spectral_norm(x_ref)
    ax, xa = a @ x, x @ a
    return [
        ("A X A = A", np.linalg.norm(ax @ a - a) / (p * EPS * norm_a)),
        ("X A X = X", np.linalg.norm(x @ ax - x) / (p * EPS * norm_x)),
        ("A X is symmetric", np.linalg.norm(ax - ax.T) / (p * EPS)),
        ("X A is symmetric", np.linalg.norm(xa - xa.T) / (p * EPS)),
    ]


@check("pinv")
def pinv(ctx: CheckContext, *, penrose: float = 1e5, forward: float = 1e5) -> Mismatch | None:
    """The four Penrose conditions (P1 and P2 always: P3/P4 alone accept A^T), then closeness to the reference.

    forward: entries within forward * max(m, n) * eps * ||A^+||_2 of the reference's.
    """
    a = np.asarray(ctx.inputs["A"], dtype=float)
    try:
        x_ref, x = one_array(ctx)
    except Shape as exc:
        return exc.mismatch
    for name, ratio in penrose_ratios(a, x, x_ref):
        if not ratio <= penrose:
            return Mismatch(f"the Penrose condition {name} fails (scaled error {ratio:.3g}, allowed {penrose:g})"
                            + rank_note(a, x, x_ref), where="the result")
    floor = forward * max(a.shape) * EPS * spectral_norm(x_ref)
    return close(x, x_ref, rtol=0.0, atol=floor)


@variants("pinv")
def pinv_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """The naive pseudoinverse from eigh(A^T A) with a cutoff is just as valid."""
    from reference.pseudoinverse import pinv_via_gram

    a = np.asarray(ctx.inputs["A"], dtype=float)
    return [("pinv via eigh(A^T A), cutoff 1e-7", pinv_via_gram(a)),
            ("pinv via eigh(A A^T), cutoff 1e-6", pinv_via_gram(a.T, 1e-6).T)]


def forward_problem(x: np.ndarray, x_ref: np.ndarray, forward: float) -> Mismatch | None:
    """Entries of x within forward * ||x_ref|| of the reference's."""
    return close(x, x_ref, rtol=0.0, atol=forward * max(float(np.linalg.norm(x_ref)), TINY))


def system_scale(a: np.ndarray, x: np.ndarray, b: np.ndarray) -> float:
    """||A|| (||A|| ||x|| + ||b||): the size of the rounding error in A^T (b - A x)."""
    norm_a = spectral_norm(a)
    return norm_a * (norm_a * float(np.linalg.norm(x)) + float(np.linalg.norm(b))) + TINY


def linear_system(ctx: CheckContext) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A, b, the reference's x and the learner's x (raises Shape for a malformed answer)."""
    x_ref, x = one_array(ctx)
    return np.asarray(ctx.inputs["A"], dtype=float), np.asarray(ctx.inputs["b"], dtype=float), x_ref, x


@check("least_squares")
def least_squares(ctx: CheckContext, *, residual: float = 1e3, forward: float = 1e-8) -> Mismatch | None:
    """The residual b - A x orthogonal to range(A) (the normal equations hold), then closeness to the reference."""
    try:
        a, b, x_ref, x = linear_system(ctx)
    except Shape as exc:
        return exc.mismatch
    grad = a.T @ (b - a @ x)
    ratio = np.linalg.norm(grad) / (a.shape[0] * EPS * system_scale(a, x, b))
    if not ratio <= residual:
        return Mismatch(f"x does not minimize ||Ax - b||: the residual b - Ax is not orthogonal to the columns of A "
                        f"(scaled ||A^T (b - Ax)|| = {ratio:.3g}, allowed {residual:g})", where="the result",
                        max_abs=float(np.max(np.abs(x - x_ref))))
    return forward_problem(x, x_ref, forward)


@variants("least_squares")
def least_squares_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """The normal-equations solution is just as valid on these (kappa <= 100) inputs."""
    from reference.pseudoinverse import least_squares_normal

    return [("normal equations", least_squares_normal(ctx.inputs["A"], ctx.inputs["b"]))]


def residual_ratio(a: np.ndarray, x: np.ndarray, b: np.ndarray) -> float:
    """||b - A x|| / (n eps (||A|| ||x|| + ||b||)): the scaled residual of A x = b."""
    norm_a = spectral_norm(a)
    return float(np.linalg.norm(b - a @ x) / (a.shape[1] * EPS * (norm_a * np.linalg.norm(x) + np.linalg.norm(b)
                                                                   + TINY)))


def null_space_part(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The component of x outside the row space of A."""
    _, s, vt = np.linalg.svd(a, full_matrices=False)
    rows = vt[s > 1e-10 * s[0]] if s.size and s[0] > 0 else vt[:0]
    return x - rows.T @ (rows @ x)


@check("min_norm")
def min_norm(ctx: CheckContext, *, residual: float = 1e3, row_space: float = 1e4,
             forward: float = 1e-8) -> Mismatch | None:
    """A x = b (scaled residual), x in the row space of A (no null-space part), then closeness to the reference."""
    try:
        a, b, x_ref, x = linear_system(ctx)
    except Shape as exc:
        return exc.mismatch
    ratio = residual_ratio(a, x, b)
    if not ratio <= residual:
        return Mismatch(f"x does not solve A x = b (scaled residual {ratio:.3g}, allowed {residual:g})",
                        where="the result", max_abs=float(np.max(np.abs(x - x_ref))))
    outside = null_space_part(a, x)
    ratio = np.linalg.norm(outside) / (a.shape[1] * EPS * max(float(np.linalg.norm(x)), TINY))
    if not ratio <= row_space:
        return Mismatch(f"x solves A x = b but is not the minimum-norm solution: it has a component of length "
                        f"{np.linalg.norm(outside):.3g} in the null space of A (scaled {ratio:.3g}, allowed "
                        f"{row_space:g}); the minimum-norm x lies in the row space of A, x = A^T y",
                        where="the result", max_abs=float(np.max(np.abs(x - x_ref))))
    return forward_problem(x, x_ref, forward)


def null_space_component(ctx: CheckContext) -> bool:
    """Mistake predicate: x solves A x = b (to 1e-6) but has a part in the null space of A."""
    try:
        _, x = one_array(ctx)
    except Shape:
        return False
    a = np.asarray(ctx.inputs["A"], dtype=float)
    b = np.asarray(ctx.inputs["b"], dtype=float)
    scale_ = spectral_norm(a) * np.linalg.norm(x) + np.linalg.norm(b)
    solves = np.linalg.norm(b - a @ x) <= 1e-6 * scale_
    return bool(solves and np.linalg.norm(null_space_part(a, x)) > 1e-8 * max(float(np.linalg.norm(x)), TINY))


@variants("min_norm")
def min_norm_variants(ctx: CheckContext, rng: np.random.Generator) -> list[tuple[str, object]]:
    """A^T (A A^T)^-1 b is just as valid on these full-row-rank inputs."""
    from reference.pseudoinverse import min_norm_normal

    return [("A^T (A A^T)^-1 b", min_norm_normal(ctx.inputs["A"], ctx.inputs["b"]))]
