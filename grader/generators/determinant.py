"""Generators for the determinant topic (NUMERICS.md: det, slogdet; triangles for the area)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from grader.generators.core import Range, generator, matrix_with_cond, pick_float, pick_int, random_scale

FLOAT64_LOG10_MAX = 308.0


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


@generator("log_det_matrix")
def log_det_matrix(rng: np.random.Generator, n: Range = (3, 10), cond: Range = (1.0, 1e3), huge: float = 0.25,
                   exponent: float = 60.0) -> dict[str, Any]:
    """U diag(s) V^T (random sign of det); a share `huge` scaled by 10^±exponent with n large enough
    that det A over- or underflows float64 (NUMERICS.md, slogdet)."""
    lo, hi = (n, n) if isinstance(n, (int, float)) else n
    if rng.uniform() < huge:
        size = pick_int(rng, (min(max(int(lo), math.ceil((FLOAT64_LOG10_MAX + 100) / exponent)), int(hi)), hi))
        scale = random_scale(rng) * 10.0 ** (exponent * rng.choice([-1.0, 1.0]))
    else:
        size = pick_int(rng, (lo, hi))
        scale = random_scale(rng)
    return {"A": matrix_with_cond(rng, size, size, pick_float(rng, cond, log=True), scale=scale)}


@generator("triangle")
def triangle(rng: np.random.Generator, scale: Range = (1e-3, 1e3), offset: float = 3.0,
             min_shape: float = 0.05) -> dict[str, Any]:
    """Three 2-D vertices of size ~scale around a centre up to offset*scale from the origin, either
    orientation, never thinner than area >= min_shape * (longest edge)^2."""
    size = pick_float(rng, scale, log=True)
    centre = rng.uniform(-offset, offset, 2) * size
    while True:
        pts = centre + rng.standard_normal((3, 2)) * size
        u, v = pts[1] - pts[0], pts[2] - pts[0]
        area = 0.5 * abs(u[0] * v[1] - u[1] * v[0])
        longest = max(np.linalg.norm(u), np.linalg.norm(v), np.linalg.norm(pts[2] - pts[1]))
        if area >= min_shape * longest ** 2:
            return {"p": pts[0], "q": pts[1], "r": pts[2]}
