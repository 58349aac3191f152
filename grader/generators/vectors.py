"""Generators for the vectors topic."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_int, random_scale


def mixed_vector(rng: np.random.Generator, n: int, scale: float, away_from_zero: float = 0.0) -> np.ndarray:
    """Mixed signs; the largest-magnitude entry negative half the time; |x| >= away_from_zero*scale."""
    x = rng.uniform(-1.0, 1.0, n)
    if away_from_zero:
        x = np.sign(x + (x == 0)) * (away_from_zero + (1 - away_from_zero) * np.abs(x))
    return x * scale


@generator("vector_pair")
def vector_pair(rng: np.random.Generator, n: Range = (1, 10), nonzero_b: bool = False) -> dict[str, Any]:
    """Two vectors of one length n with independent scales; b's entries kept away from 0 if asked."""
    size = pick_int(rng, n)
    a = mixed_vector(rng, size, random_scale(rng))
    b = mixed_vector(rng, size, random_scale(rng), 0.1 if nonzero_b else 0.0)
    return {"a": a, "b": b}
