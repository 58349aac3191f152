"""Building blocks for inputs with controlled structure (NUMERICS.md §2)."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from grader.registry import Registry
from grader.sandbox.callables import CallableSpec

Generator = Callable[..., dict[str, Any]]
GENERATORS: Registry[Generator] = Registry("generator", "grader.generators")

Range = Sequence[float] | float


def generator(name: str) -> Callable[[Generator], Generator]:
    """Register a generator under a name usable in YAML (`gen: name`)."""
    return GENERATORS.register(name)


def pick_int(rng: np.random.Generator, bounds: Range) -> int:
    """An integer drawn uniformly from [lo, hi] (a plain number means exactly that)."""
    if isinstance(bounds, (int, float)):
        return int(bounds)
    lo, hi = bounds
    return int(rng.integers(int(lo), int(hi) + 1))


def pick_float(rng: np.random.Generator, bounds: Range, log: bool = False) -> float:
    """A float drawn from [lo, hi], log-uniformly when asked."""
    if isinstance(bounds, (int, float)):
        return float(bounds)
    lo, hi = float(bounds[0]), float(bounds[1])
    if log:
        return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
    return float(rng.uniform(lo, hi))


def random_scale(rng: np.random.Generator, low: float = 0.1, high: float = 10.0) -> float:
    """A magnitude log-uniform in [low, high]."""
    return pick_float(rng, (low, high), log=True)


def haar(rng: np.random.Generator, n: int) -> np.ndarray:
    """A Haar-random orthogonal n x n matrix (QR of a Gaussian, signs fixed)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.where(np.diag(r) == 0, 1.0, np.diag(r)))


def spectrum(rng: np.random.Generator, k: int, cond: float, gap: float = 0.0) -> np.ndarray:
    """k values from 1 down to 1/cond, log-uniform in between, descending; `gap` (a fraction of log cond) keeps
    the inner values that far from both ends (1 / s_2 and s_(k-1) * cond at least cond ** gap)."""
    if k == 1:
        return np.ones(1)
    log_cond = np.log(cond)
    inner = np.exp(rng.uniform(-(1.0 - gap) * log_cond, -gap * log_cond, size=k - 2)) if k > 2 else np.empty(0)
    return np.sort(np.concatenate(([1.0, 1.0 / cond], inner)))[::-1]


def matrix_with_cond(rng: np.random.Generator, m: int, n: int, cond: float, rank: int | None = None,
                     scale: float = 1.0, gap: float = 0.0) -> np.ndarray:
    """U diag(s) V^T with exact condition number over its nonzero singular values and rank (`gap`: spectrum)."""
    k = min(m, n) if rank is None else rank
    s = spectrum(rng, k, cond, gap) * scale
    u = haar(rng, m)[:, :k]
    v = haar(rng, n)[:, :k]
    return (u * s) @ v.T


def symmetric_with_eigs(rng: np.random.Generator, eigenvalues: np.ndarray) -> np.ndarray:
    """Q diag(eigenvalues) Q^T, exactly symmetric."""
    q = haar(rng, len(eigenvalues))
    a = (q * eigenvalues) @ q.T
    return (a + a.T) / 2


def separated_eigs(rng: np.random.Generator, n: int, gap: float | None = None) -> np.ndarray:
    """n eigenvalues in [-1, 1] with minimum gap 0.1/n (NUMERICS.md, eigh)."""
    gap = 0.1 / n if gap is None else gap
    while True:
        lam = np.sort(rng.uniform(-1.0, 1.0, size=n))
        if n == 1 or np.min(np.diff(lam)) >= gap:
            return lam


def spd(rng: np.random.Generator, n: int, cond: float, scale: float = 1.0) -> np.ndarray:
    """Symmetric positive definite with eigenvalues log-uniform in [1/cond, 1], times scale."""
    lam = spectrum(rng, n, cond) * scale
    return symmetric_with_eigs(rng, lam)


def probability(rng: np.random.Generator, n: int, zeros: int = 0, alpha: Range = (0.5, 5.0)) -> np.ndarray:
    """A Dirichlet probability vector with `zeros` entries set exactly to 0 and renormalized."""
    p = rng.dirichlet(np.full(n, pick_float(rng, alpha)))
    if zeros:
        idx = rng.choice(n, size=min(zeros, n - 1), replace=False)
        p[idx] = 0.0
        p = p / p.sum()
    return p


def planted_lu(rng: np.random.Generator, n: int) -> np.ndarray:
    """P0 L0 U0 with a non-symmetric permutation P0, |L0| <= 0.9, |diag U0| in [1, 3]."""
    perm = _non_involution(rng, n)
    p = np.eye(n)[:, perm]
    lower = np.tril(rng.uniform(-0.9, 0.9, (n, n)), -1) + np.eye(n)
    upper = np.triu(rng.uniform(-1.0, 1.0, (n, n)), 1)
    upper[np.diag_indices(n)] = rng.choice([-1.0, 1.0], n) * rng.uniform(1.0, 3.0, n)
    return p @ lower @ upper


def _non_involution(rng: np.random.Generator, n: int) -> np.ndarray:
    """A permutation that is not its own inverse when n >= 3 (so P and P^T differ)."""
    while True:
        perm = rng.permutation(n)
        if n < 3 or not np.array_equal(perm[perm], np.arange(n)):
            return perm


def callable_arg(factory: str, **params: Any) -> CallableSpec:
    """A callable input, rebuilt from plain parameters inside the learner's process."""
    return CallableSpec(factory, {k: np.asarray(v, dtype=float) if not isinstance(v, (int, float)) else v
                                  for k, v in params.items()})
