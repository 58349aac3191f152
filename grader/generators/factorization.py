"""Generators for the factorization topic (NUMERICS.md: LU, QR, Cholesky)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, matrix_with_cond, pick_float, pick_int, planted_lu, spd


@generator("planted_lu")
def planted(rng: np.random.Generator, n: Range = (3, 8), scale: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """P0 L0 U0 times a scale: P0 not its own inverse (n >= 3), |L0| <= 0.9, |diag U0| in [1, 3], so
    partial pivoting recovers P0 and P, P^T and I are told apart (NUMERICS.md §3, LU)."""
    return {"A": planted_lu(rng, pick_int(rng, n)) * pick_float(rng, scale, log=True)}


@generator("tall_matrix")
def tall_matrix(rng: np.random.Generator, m: Range = (3, 10), n: Range | None = None, cond: Range = (1.0, 100.0),
                scale: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """A (m, n) of full column rank, U diag(s) V^T with condition number log-uniform in cond, times a
    scale; n in [2, m-1] unless given, so the complete and the reduced QR differ."""
    rows = pick_int(rng, m)
    cols = pick_int(rng, (min(2, rows), max(min(2, rows), rows - 1)) if n is None else n)
    return {"A": matrix_with_cond(rng, rows, cols, pick_float(rng, cond, log=True),
                                  scale=pick_float(rng, scale, log=True))}


@generator("spd_matrix")
def spd_matrix(rng: np.random.Generator, n: Range = (2, 8), cond: Range = (1.0, 1e3),
               scale: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """Symmetric positive definite Q diag(lam) Q^T, exactly symmetric, lam log-uniform in [1/cond, 1]
    times a scale (NUMERICS.md, Cholesky)."""
    return {"A": spd(rng, pick_int(rng, n), pick_float(rng, cond, log=True), pick_float(rng, scale, log=True))}
