"""Generators for the vectors topic: pairs of vectors with mixed signs and independent scales."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int, random_scale

RELATIONS = ("parallel", "antiparallel", "orthogonal")


def mixed_vector(rng: np.random.Generator, n: int, scale: float, away_from_zero: float = 0.0) -> np.ndarray:
    """Mixed signs; the largest-magnitude entry negative half the time; |x| >= away_from_zero*scale."""
    x = rng.uniform(-1.0, 1.0, n)
    if away_from_zero:
        x = np.sign(x + (x == 0)) * (away_from_zero + (1 - away_from_zero) * np.abs(x))
    return x * scale


def nonzero_vector(rng: np.random.Generator, n: int, scale: float) -> np.ndarray:
    """A mixed-sign vector whose largest entry has magnitude at least scale/2 (so it is never ~0)."""
    x = mixed_vector(rng, n, scale)
    k = int(np.argmax(np.abs(x)))
    x[k] = np.sign(x[k] + (x[k] == 0)) * max(abs(x[k]), scale / 2)
    return x


def related(rng: np.random.Generator, a: np.ndarray, relation: str, scale: float) -> np.ndarray:
    """A vector of norm ~scale parallel, antiparallel or orthogonal to a (n >= 2 for orthogonal)."""
    unit = a / np.sqrt(np.dot(a, a))
    if relation == "parallel":
        return unit * scale
    if relation == "antiparallel":
        return -unit * scale
    g = rng.standard_normal(a.shape)
    g = g - np.dot(g, unit) * unit
    return g / np.sqrt(np.dot(g, g)) * scale


@generator("vector_pair")
def vector_pair(rng: np.random.Generator, n: Range = (1, 10), nonzero_b: bool = False) -> dict[str, Any]:
    """Two vectors of one length n with independent scales; b's entries kept away from 0 if asked."""
    size = pick_int(rng, n)
    a = mixed_vector(rng, size, random_scale(rng))
    b = mixed_vector(rng, size, random_scale(rng), 0.1 if nonzero_b else 0.0)
    return {"a": a, "b": b}


@generator("angled_pair")
def angled_pair(rng: np.random.Generator, n: Range = (2, 12), scales: Range = (1e-3, 1e3),
                special: float = 0.25, relation: str | None = None) -> dict[str, Any]:
    """Nonzero a and b with independent scales; a fraction `special` are (anti)parallel or orthogonal.

    `relation` forces one of parallel, antiparallel, orthogonal (for edge cases).
    """
    size = pick_int(rng, n)
    a = nonzero_vector(rng, size, pick_float(rng, scales, log=True))
    b_scale = pick_float(rng, scales, log=True)
    choices = RELATIONS if size >= 2 else RELATIONS[:2]
    if relation is None and rng.uniform() < special:
        relation = str(rng.choice(choices))
    if relation is not None:
        return {"a": a, "b": related(rng, a, relation, b_scale)}
    return {"a": a, "b": nonzero_vector(rng, size, b_scale)}
