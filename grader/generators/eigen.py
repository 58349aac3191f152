"""Generators for the eigenvalues topic (NUMERICS.md: eigh, power iteration, 2x2)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int, random_scale, separated_eigs, symmetric_with_eigs


@generator("symmetric_separated")
def symmetric_separated(rng: np.random.Generator, n: Range = (3, 8), scale: Range | None = None) -> dict[str, Any]:
    """Symmetric A = Q diag(lam) Q^T with eigenvalues in [-1, 1] at least 0.1/n apart, times a scale."""
    size = pick_int(rng, n)
    factor = random_scale(rng) if scale is None else pick_float(rng, scale, log=True)
    return {"A": symmetric_with_eigs(rng, separated_eigs(rng, size)) * factor}
