"""Generators for the matrices topic: products of mixed-sign matrices with independent scales."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int
from grader.generators.vectors import nonzero_vector


def mixed_matrix(rng: np.random.Generator, shape: tuple[int, ...], scales: Range) -> np.ndarray:
    """Uniform entries in (-1, 1) times a log-uniform scale."""
    return rng.uniform(-1.0, 1.0, shape) * pick_float(rng, scales, log=True)


def distinct_sizes(rng: np.random.Generator, ranges: list[Range], exclude: tuple[int, ...] = (),
                   tries: int = 50) -> list[int]:
    """One size from each range, pairwise different and not in exclude when the ranges allow it."""
    sizes = [pick_int(rng, r) for r in ranges]
    for _ in range(tries):
        if len(set(sizes)) == len(sizes) and not set(sizes) & set(exclude):
            break
        sizes = [pick_int(rng, r) for r in ranges]
    return sizes


@generator("matmul_pair")
def matmul_pair(rng: np.random.Generator, m: Range = (1, 8), k: Range = (1, 8), n: Range = (1, 8),
                square: float = 0.25, scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """A (m,k) and B (k,n); a fraction `square` all n x n (n >= 2), the rest with m, k, n distinct."""
    if rng.uniform() < square:
        size = max(2, pick_int(rng, m))
        rows, inner, cols = size, size, size
    else:
        rows, inner, cols = distinct_sizes(rng, [m, k, n])
    return {"A": mixed_matrix(rng, (rows, inner), scales), "B": mixed_matrix(rng, (inner, cols), scales)}


@generator("three_vectors")
def three_vectors(rng: np.random.Generator, scales: Range = (1e-2, 1e2), near_parallel: float = 0.2) -> dict[str, Any]:
    """Two 3-vectors with independent scales; a fraction nearly parallel (a small cross product)."""
    a = nonzero_vector(rng, 3, pick_float(rng, scales, log=True))
    b_scale = pick_float(rng, scales, log=True)
    if rng.uniform() < near_parallel:
        b = a / np.max(np.abs(a)) * b_scale * rng.choice([-1.0, 1.0]) + rng.uniform(-1, 1, 3) * 1e-3 * b_scale
    else:
        b = nonzero_vector(rng, 3, b_scale)
    return {"a": a, "b": b}


@generator("batch_weights")
def batch_weights(rng: np.random.Generator, batch: Range = (2, 5), n: Range = (1, 6), k: Range = (1, 6),
                  m: Range = (1, 6), scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """X (batch, n, k) and W (k, m) with n != m and batch != n where the ranges allow."""
    size_b = pick_int(rng, batch)
    rows, cols = distinct_sizes(rng, [n, m], exclude=(size_b,))
    inner = pick_int(rng, k)
    return {"X": mixed_matrix(rng, (size_b, rows, inner), scales), "W": mixed_matrix(rng, (inner, cols), scales)}
