"""Generators for the determinant topic (NUMERICS.md: det, slogdet)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, matrix_with_cond, pick_float, pick_int, random_scale


@generator("square_matrix")
def square_matrix(rng: np.random.Generator, n: Range = (1, 6), cond: Range = (1.0, 1e3),
                  singular: float = 0.15, gaussian: float = 0.35) -> dict[str, Any]:
    """Square A: U diag(s) V^T with a chosen condition number, some Gaussian, some exactly singular."""
    size = pick_int(rng, n)
    scale = random_scale(rng)
    draw = rng.uniform()
    if draw < singular and size >= 2:
        rank = int(rng.integers(1, size))
        a = matrix_with_cond(rng, size, size, pick_float(rng, (1.0, 10.0)), rank=rank, scale=scale)
    elif draw < singular + gaussian:
        a = rng.standard_normal((size, size)) * scale
        if np.linalg.cond(a) > 1e3:
            a = matrix_with_cond(rng, size, size, pick_float(rng, cond, log=True), scale=scale)
    else:
        a = matrix_with_cond(rng, size, size, pick_float(rng, cond, log=True), scale=scale)
    return {"A": a}
