"""Generators for the SVD topic (NUMERICS.md §1A SVD and low-rank, §1B cond, §2).

Every matrix is U diag(s) V^T with Haar-random U and V, so the singular values, and with
them the condition number, the rank and the gaps, are chosen exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, haar, matrix_with_cond, pick_float, pick_int, random_scale


def shape_pair(rng: np.random.Generator, m: Range, n: Range, distinct: bool = True) -> tuple[int, int]:
    """(rows, cols) drawn from the ranges; redrawn until they differ when `distinct` and the ranges allow it."""
    for _ in range(100):
        rows, cols = pick_int(rng, m), pick_int(rng, n)
        if rows != cols or not distinct:
            return rows, cols
    return rows, cols


def separated_spectrum(rng: np.random.Generator, k: int, cond: float, ratio: float) -> np.ndarray:
    """k values from 1 down to 1/cond, descending, each at least `ratio` times the next (cond raised if needed)."""
    if k == 1:
        return np.ones(1)
    step = np.log(ratio)
    span = max(np.log(cond), (k - 1) * step * 1.05)
    slack = span - (k - 1) * step
    gaps = step + slack * rng.dirichlet(np.ones(k - 1))
    return np.exp(-np.concatenate(([0.0], np.cumsum(gaps))))


def with_singular_values(rng: np.random.Generator, m: int, n: int, s: np.ndarray) -> np.ndarray:
    """U[:, :r] diag(s) V[:, :r]^T for Haar-random U (m x m), V (n x n), r = len(s) <= min(m, n)."""
    r = len(s)
    return (haar(rng, m)[:, :r] * s) @ haar(rng, n)[:, :r].T


def pick_scale(rng: np.random.Generator, scale: Range | None) -> float:
    """The given scale (or range, log-uniform), else a random one in [0.1, 10]."""
    return random_scale(rng) if scale is None else pick_float(rng, scale, log=True)


@generator("svd_matrix")
def svd_matrix(rng: np.random.Generator, m: Range = (3, 10), n: Range = (3, 10), cond: Range = (1.0, 100.0),
               ratio: float = 1.2, scale: Range | None = None) -> dict[str, Any]:
    """A (m x n), m != n when the ranges allow, kappa <= 100, each singular value >= `ratio` times the next.

    The gap keeps the singular vectors well defined (unique up to paired signs) and lets power
    iteration with deflation converge to machine precision within about 100 iterations.
    """
    rows, cols = shape_pair(rng, m, n)
    s = separated_spectrum(rng, min(rows, cols), pick_float(rng, cond, log=True), ratio)
    return {"A": with_singular_values(rng, rows, cols, s * pick_scale(rng, scale))}


@generator("low_rank_case")
def low_rank_case(rng: np.random.Generator, m: Range = (3, 10), n: Range = (3, 10), k: Range | None = None,
                  prefer_small_k: float = 0.15, scale: Range | None = None) -> dict[str, Any]:
    """A with a head of k singular values in [0.1, 1] (at least 1.1 apart) over a tail in [0.01, 0.05].

    So sigma_k / sigma_(k+1) >= 2 and power iteration separates every head value. k >= 2 unless
    the matrix is too small, or (with probability prefer_small_k) k = 1; k = min(m, n) only if asked.
    """
    rows, cols = shape_pair(rng, m, n)
    size = min(rows, cols)
    if k is not None:
        rank = min(pick_int(rng, k), size)
    elif size <= 2 or rng.uniform() < prefer_small_k:
        rank = 1
    else:
        rank = int(rng.integers(2, size))
    head = separated_spectrum(rng, rank, pick_float(rng, (1.0, 10.0), log=True), 1.1)
    tail = np.sort(rng.uniform(0.01, 0.05, size - rank))[::-1]
    s = np.concatenate((head, tail)) * pick_scale(rng, scale)
    return {"A": with_singular_values(rng, rows, cols, s), "k": rank}


@generator("nonsingular_square")
def nonsingular_square(rng: np.random.Generator, n: Range = (3, 10), cond: Range = (1.0, 1e3),
                       scale: Range | None = None, gap: float = 0.0) -> dict[str, Any]:
    """Square A = U diag(s) V^T with condition number log-uniform in `cond` (<= 1e3), times a scale; `gap`: the
    largest and the smallest singular values stand apart from the others by a factor cond ** gap."""
    size = pick_int(rng, n)
    return {"A": matrix_with_cond(rng, size, size, pick_float(rng, cond, log=True), scale=pick_scale(rng, scale),
                                  gap=gap)}
