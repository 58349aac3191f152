"""Generators for the entropy topic (NUMERICS.md §1C): distributions with zeros, unnormalized
vectors, pairs with KL(p || q) away from 0, and logits up to +-1e3 that overflow a naive softmax."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from grader.generators.core import Range, generator, pick_float, pick_int, probability

BASES = {"2": 2.0, "e": math.e, "10": 10.0}


def distribution(rng: np.random.Generator, n: int, zero_chance: float, min_entropy: float = 0.1) -> np.ndarray:
    """Dirichlet(alpha in [0.5, 5]) over n entries; with probability zero_chance some exact zeros
    (at least 2 entries stay nonzero); entropy above min_entropy nats."""
    while True:
        zeros = int(rng.integers(1, n - 1)) if n >= 3 and rng.uniform() < zero_chance else 0
        p = probability(rng, n, zeros=zeros)
        if min_entropy <= 0 or _nats(p) > min_entropy:
            return p


def _nats(p: np.ndarray) -> float:
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)))


def _kl(p: np.ndarray, q: np.ndarray) -> float:
    keep = p > 0
    if np.any(q[keep] == 0):
        return math.inf
    return float(np.sum(p[keep] * (np.log(p[keep]) - np.log(q[keep]))))


def unnormalize(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """p made not to sum to 1: half the time integer counts, else scaled away from 1."""
    if rng.uniform() < 0.5:
        while True:
            counts = rng.multinomial(int(rng.integers(20, 200)), p).astype(float)
            if np.count_nonzero(counts) >= 2 and abs(counts.sum() - 1) > 0:
                return counts
    factor = pick_float(rng, (0.02, 0.5) if rng.uniform() < 0.5 else (2.0, 100.0), log=True)
    return p * factor


@generator("entropy_vector")
def entropy_vector(rng: np.random.Generator, n: Range = (3, 20), zeros: float = 0.5, unnormalized: float = 0.25,
                   base: str = "any") -> dict[str, Any]:
    """A nonnegative vector p (sometimes unnormalized) and a base of 2, e or 10, or none (the default)."""
    p = distribution(rng, pick_int(rng, n), zeros)
    if rng.uniform() < unnormalized:
        p = unnormalize(rng, p)
    choice = str(rng.choice(["2", "e", "10", "default"])) if base == "any" else base
    return {"p": p} if choice == "default" else {"p": p, "base": BASES[choice]}


@generator("distribution_pair")
def distribution_pair(rng: np.random.Generator, n: Range = (3, 20), zeros: float = 0.5, shared_zeros: float = 0.5,
                      independent: bool = False, infinite: bool = False, min_kl: float = 1e-3) -> dict[str, Any]:
    """Probability vectors p, q with KL(p || q) > min_kl. p has exact zeros with probability `zeros`;
    q is 0 at some of p's zeros with probability `shared_zeros` (anywhere if `independent`);
    `infinite` plants one q = 0 where p > 0."""
    size = pick_int(rng, n)
    while True:
        p = distribution(rng, size, zeros)
        q = distribution(rng, size, 0.0, min_entropy=0.0)
        if rng.uniform() < shared_zeros:
            q = _zero_some(rng, q, np.flatnonzero(q > 0) if independent else np.flatnonzero(p == 0))
        if infinite:
            q = _zero_some(rng, q, np.flatnonzero((p > 0) & (q > 0)), count=1)
        if _kl(p, q) > min_kl and np.count_nonzero(q) >= 2:
            return {"p": p, "q": q}


def _zero_some(rng: np.random.Generator, q: np.ndarray, where: np.ndarray, count: int | None = None) -> np.ndarray:
    """q with `count` (default: a random number) of the entries at `where` set to 0, renormalized,
    keeping at least two nonzero entries."""
    room = min(len(where), np.count_nonzero(q) - 2)
    if room <= 0:
        return q
    k = min(count, room) if count is not None else int(rng.integers(1, room + 1))
    q = q.copy()
    q[rng.choice(where, size=k, replace=False)] = 0.0
    return q / q.sum()


@generator("logits")
def logits(rng: np.random.Generator, n: Range = (3, 20), kind: str = "any", spread: Range = (0.3, 3.0),
           min_entropy: float = 0.1) -> dict[str, Any]:
    """1-D logits, one of four kinds (NUMERICS.md): moderate; offset by +-800..1000 (a naive exp
    overflows); one logit 800..1000 below the rest (its probability underflows to 0); both at once.
    The entropy stays above min_entropy nats."""
    size = pick_int(rng, n)
    chosen = str(rng.choice(["moderate", "offset", "underflow", "both"])) if kind == "any" else kind
    while True:
        z = rng.standard_normal(size) * pick_float(rng, spread, log=True)
        if chosen in ("offset", "both"):
            z = z + rng.choice([-1.0, 1.0]) * pick_float(rng, (800.0, 1000.0))
        if chosen in ("underflow", "both"):
            z[rng.integers(size)] = np.max(z) - pick_float(rng, (800.0, 1000.0))
        shifted = z - np.max(z)
        p = np.exp(shifted) / np.sum(np.exp(shifted))
        if _nats(p) > min_entropy:
            return {"logits": z}
