"""Generators for the KL divergence topic (NUMERICS.md §1C, VAE KL). The discrete divergences use
the entropy topic's `distribution_pair`."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int


@generator("gaussian_latents")
def gaussian_latents(rng: np.random.Generator, b: Range = (1, 8), d: Range = (2, 64), sigma: Range = (0.1, 3.0),
                     logvar: Range = (-4.0, 4.0), near_prior: float = 0.0) -> dict[str, Any]:
    """mu ~ N(0, s^2) with s in `sigma`, logvar ~ U(logvar), shape (b, d); with probability near_prior
    every entry is within 1e-4 of the prior N(0, I), where the KL is tiny."""
    shape = (pick_int(rng, b), pick_int(rng, d))
    if rng.uniform() < near_prior:
        return {"mu": rng.uniform(-1e-4, 1e-4, shape), "logvar": rng.uniform(-1e-4, 1e-4, shape)}
    mu = rng.standard_normal(shape) * pick_float(rng, sigma, log=True)
    return {"mu": mu, "logvar": rng.uniform(*_bounds(logvar), shape)}


def _bounds(value: Range) -> tuple[float, float]:
    if isinstance(value, (int, float)):
        return float(value), float(value)
    return float(value[0]), float(value[1])
