"""Generators for the eigenvalues topic (NUMERICS.md: eigh, power iteration, 2x2)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.generators.core import (Range, generator, matrix_with_cond, pick_float, pick_int, random_scale,
                                    separated_eigs, symmetric_with_eigs)


@generator("symmetric_separated")
def symmetric_separated(rng: np.random.Generator, n: Range = (3, 8), scale: Range | None = None) -> dict[str, Any]:
    """Symmetric A = Q diag(lam) Q^T with eigenvalues in [-1, 1] at least 0.1/n apart, times a scale."""
    size = pick_int(rng, n)
    factor = random_scale(rng) if scale is None else pick_float(rng, scale, log=True)
    return {"A": symmetric_with_eigs(rng, separated_eigs(rng, size)) * factor}


def away_from_one(rng: np.random.Generator, extreme: float) -> float:
    """A scale in [0.1, 0.5] or [2, 10]; with probability `extreme`, in [1e-3, 2e-2] or [50, 1e3], where
    200 unnormalized multiplications by A underflow to 0 or overflow to inf."""
    low, high = ((1e-3, 2e-2), (50.0, 1e3)) if rng.uniform() < extreme else ((0.1, 0.5), (2.0, 10.0))
    return pick_float(rng, low if rng.uniform() < 0.5 else high, log=True)


@generator("dominant_symmetric")
def dominant_symmetric(rng: np.random.Generator, n: Range = (3, 8), ratio: float = 0.5, sign: float | None = None,
                       extreme: float = 0.5, scale: Range | None = None, num_iters: int = 200) -> dict[str, Any]:
    """Symmetric A = Q diag(lam) Q^T with dominant eigenvalue ±scale (random sign unless given) and the
    others at most ratio*scale in magnitude (NUMERICS.md, power iteration); num_iters passed through."""
    size = pick_int(rng, n)
    lead = float(rng.choice([-1.0, 1.0])) if sign is None else float(np.sign(sign))
    factor = away_from_one(rng, extreme) if scale is None else pick_float(rng, scale, log=True)
    lam = np.concatenate(([lead], rng.uniform(-ratio, ratio, size - 1))) * factor
    return {"A": symmetric_with_eigs(rng, lam), "num_iters": int(num_iters)}


@generator("two_by_two")
def two_by_two(rng: np.random.Generator, complex_share: float = 0.5, scale: Range = (1e-2, 1e2),
               basis_cond: Range = (1.0, 10.0), gap: float = 0.1) -> dict[str, Any]:
    """S C S^-1 times a scale, C = [[a, -b], [b, a]] (a complex pair a ± bi, b >= gap) or diag(l1, l2)
    (a real pair at least gap apart), S with condition number in basis_cond (NUMERICS.md, 2x2 eig)."""
    basis = matrix_with_cond(rng, 2, 2, pick_float(rng, basis_cond, log=True))
    if rng.uniform() < complex_share:
        a, b = rng.uniform(-1.0, 1.0), rng.uniform(gap, 1.0) * rng.choice([-1.0, 1.0])
        core = np.array([[a, -b], [b, a]])
    else:
        core = np.diag(separated_eigs(rng, 2, gap))
    return {"A": basis @ core @ np.linalg.inv(basis) * pick_float(rng, scale, log=True)}
