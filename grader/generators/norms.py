"""Generators for the norms topic (NUMERICS.md, norms): mixed signs, largest entry negative, gapped spectra."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from grader.generators.core import Range, generator, haar, pick_float, pick_int

P_VALUES = (1, 1.5, 2, 3, math.inf)


def negative_peak_vector(rng: np.random.Generator, n: int, scale: float) -> np.ndarray:
    """Mixed signs whose largest-magnitude entry is negative (so forgetting abs shows), times scale."""
    x = rng.uniform(-1.0, 1.0, n)
    k = int(np.argmax(np.abs(x)))
    x[k] = -max(abs(x[k]), 0.5)
    if n > 1 and np.all(x <= 0):
        x[(k + 1) % n] = abs(x[(k + 1) % n]) or 0.25
    return x * scale


def as_given(rng: np.random.Generator, p: float) -> float:
    """p as an int or a float at random when it is a whole number (inf stays a float)."""
    if math.isinf(p) or not float(p).is_integer():
        return float(p)
    return int(p) if rng.uniform() < 0.5 else float(p)


@generator("lp_vector")
def lp_vector(rng: np.random.Generator, n: Range = (2, 10), p: float | None = None,
              scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """x with its largest-magnitude entry negative; p from {1, 1.5, 2, 3, inf} unless given."""
    size = pick_int(rng, n)
    chosen = P_VALUES[int(rng.integers(len(P_VALUES)))] if p is None else p
    return {"x": negative_peak_vector(rng, size, pick_float(rng, scales, log=True)), "p": as_given(rng, chosen)}


@generator("mixed_matrix_norms")
def mixed_matrix_norms(rng: np.random.Generator, m: Range = (2, 8), n: Range = (2, 8),
                       scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """A (m, n) of mixed signs, largest-magnitude entry negative, times a log-uniform scale."""
    rows, cols = pick_int(rng, m), pick_int(rng, n)
    a = negative_peak_vector(rng, rows * cols, pick_float(rng, scales, log=True))
    return {"A": a.reshape(rows, cols)}


@generator("gapped_matrix")
def gapped_matrix(rng: np.random.Generator, m: Range = (2, 8), n: Range = (2, 8), ratio: float = 0.9,
                  scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """U diag(s) V^T with s_1 = scale and s_i/s_1 in [0.01, ratio] for i > 1, so power iteration converges."""
    rows, cols = pick_int(rng, m), pick_int(rng, n)
    k = min(rows, cols)
    s = np.concatenate(([1.0], np.sort(rng.uniform(0.01, ratio, k - 1))[::-1]))
    u, v = haar(rng, rows)[:, :k], haar(rng, cols)[:, :k]
    return {"A": (u * s) @ v.T * pick_float(rng, scales, log=True)}


@generator("rows_with_zeros")
def rows_with_zeros(rng: np.random.Generator, m: Range = (2, 8), n: Range = (2, 8), zero_rows: float = 0.5,
                    scales: Range = (1e-2, 1e2)) -> dict[str, Any]:
    """X (m, n) whose rows have independent scales; with probability zero_rows, 1-2 rows are all zero."""
    rows, cols = pick_int(rng, m), pick_int(rng, n)
    row_scales = np.exp(rng.uniform(np.log(scales[0]), np.log(scales[1]), (rows, 1)))
    x = rng.uniform(-1.0, 1.0, (rows, cols)) * row_scales
    if rows > 1 and rng.uniform() < zero_rows:
        x[rng.choice(rows, size=int(rng.integers(1, min(2, rows - 1) + 1)), replace=False)] = 0.0
    return {"X": x}
