"""Generators for the pseudoinverse topic (NUMERICS.md §1B pinv, lstsq, min-norm, and §2).

Matrices are U diag(s) V^T with kappa <= 100 over their nonzero singular values; rank-deficient
ones are built as that product with fewer columns in U and V, so their zero singular values are
zero up to rounding (about 1e-16 sigma_1) and any relative cutoff in [1e-13, 1e-6] finds the rank.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, matrix_with_cond, pick_float, pick_int
from grader.generators.svd import pick_scale, shape_pair


@generator("pinv_matrix")
def pinv_matrix(rng: np.random.Generator, m: Range = (3, 10), n: Range = (3, 10), cond: Range = (1.0, 100.0),
                rank_deficient: float = 0.5, rank: Range | None = None, scale: Range | None = None) -> dict[str, Any]:
    """A (m x n), m != n when the ranges allow; with probability rank_deficient (or given `rank`) rank < min(m, n)."""
    rows, cols = shape_pair(rng, m, n)
    size = min(rows, cols)
    if rank is not None:
        r = min(pick_int(rng, rank), size)
    elif size >= 2 and rng.uniform() < rank_deficient:
        r = int(rng.integers(1, size))
    else:
        r = size
    a = matrix_with_cond(rng, rows, cols, pick_float(rng, cond, log=True), rank=r, scale=pick_scale(rng, scale))
    return {"A": a}


def oriented_shape(rng: np.random.Generator, long: Range, short: Range) -> tuple[int, int]:
    """(long side, short side) with long > short, redrawn until they are."""
    for _ in range(100):
        big, small = pick_int(rng, long), pick_int(rng, short)
        if big > small:
            return big, small
    raise ValueError(f"no long side in {long} exceeds a short side in {short}")


@generator("tall_system")
def tall_system(rng: np.random.Generator, m: Range = (4, 10), n: Range = (2, 8), cond: Range = (1.0, 100.0),
                residual: Range = (0.2, 2.0), scale: Range | None = None,
                b_scale: Range | None = None) -> dict[str, Any]:
    """Tall A (m > n, full column rank, kappa <= 100) and b = a vector in range(A) plus `residual` times one outside."""
    rows, cols = oriented_shape(rng, m, n)
    a = matrix_with_cond(rng, rows, cols, pick_float(rng, cond, log=True), scale=pick_scale(rng, scale))
    inside = a @ rng.standard_normal(cols)
    outside = rng.standard_normal(rows)
    b = inside / np.linalg.norm(inside) + pick_float(rng, residual) * outside / np.linalg.norm(outside)
    return {"A": a, "b": b * pick_scale(rng, b_scale)}


@generator("wide_system")
def wide_system(rng: np.random.Generator, m: Range = (2, 8), n: Range = (4, 10), cond: Range = (1.0, 100.0),
                scale: Range | None = None, b_scale: Range | None = None) -> dict[str, Any]:
    """Wide A (m < n, full row rank, kappa <= 100) and a random b (m,): Ax = b has many solutions."""
    cols, rows = oriented_shape(rng, n, m)
    a = matrix_with_cond(rng, rows, cols, pick_float(rng, cond, log=True), scale=pick_scale(rng, scale))
    return {"A": a, "b": rng.standard_normal(rows) * pick_scale(rng, b_scale)}
