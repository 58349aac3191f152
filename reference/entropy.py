"""Reference solutions for the entropy topic, and the answers of its known mistakes.

Sums use math.fsum so the reference is as close to the exact value as float64 allows;
the grader's tolerance then measures only the learner's rounding.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

LN2 = math.log(2.0)


def as_vector(p: np.ndarray) -> np.ndarray:
    """A float64 1-D copy of a vector argument."""
    return np.array(p, dtype=float).reshape(-1)


def weighted_logs(weights: np.ndarray, logs: np.ndarray) -> float:
    """fsum of w_i * logs_i over the entries with w_i > 0 (0 * log 0 counts as 0)."""
    keep = weights > 0
    with np.errstate(all="ignore"):
        terms = weights[keep] * logs[keep]
    if np.any(np.isneginf(terms)):
        return -math.inf
    if np.any(np.isposinf(terms)):
        return math.inf
    return math.fsum(terms.tolist())


def safe_log(x: np.ndarray) -> np.ndarray:
    """log(x) with log(0) = -inf and no warning."""
    with np.errstate(divide="ignore"):
        return np.log(x)


def nats(p: np.ndarray) -> float:
    """Shannon entropy in nats of a nonnegative vector, normalized first."""
    x = as_vector(p)
    x = x / math.fsum(x.tolist())
    return -weighted_logs(x, safe_log(x))


def entropy(p: np.ndarray, base: float = 2.0) -> float:
    """Shannon entropy of p (normalized first) in the given base; zero entries contribute 0."""
    return nats(p) / math.log(base)


def cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    """-sum p log q in nats; terms with p = 0 contribute 0; inf where q = 0 < p."""
    return -weighted_logs(as_vector(p), safe_log(as_vector(q)))


def relative_entropy(p: np.ndarray, q: np.ndarray) -> float:
    """KL(p || q) = sum p (log p - log q) in nats; 0 where p = 0; inf where q = 0 < p."""
    x, y = as_vector(p), as_vector(q)
    keep = x > 0
    with np.errstate(all="ignore"):
        logs = np.where(keep, safe_log(np.where(keep, x, 1.0)) - safe_log(y), 0.0)
    return weighted_logs(x, logs)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """log softmax(z), shifted by the maximum so nothing overflows."""
    z = as_vector(logits)
    shifted = z - np.max(z)
    return shifted - math.log(math.fsum(np.exp(shifted).tolist()))


def softmax_entropy(logits: np.ndarray) -> float:
    """Entropy in nats of softmax(logits), stable for logits of any magnitude."""
    logp = log_softmax(logits)
    return -weighted_logs(np.exp(logp), logp)


# ----------------------------------------------------------------- known mistakes

def entropy_nats(p: np.ndarray, base: float | None = None) -> float:
    """Mistake: the natural log whatever base was asked."""
    return nats(p)


def entropy_bits(p: np.ndarray, base: float | None = None) -> float:
    """Mistake: log base 2 whatever base was asked."""
    return nats(p) / LN2


def entropy_default_natural(p: np.ndarray, base: float | None = None) -> float:
    """Mistake: the default base is e instead of 2 (right when a base is passed)."""
    return nats(p) if base is None else entropy(p, base)


def entropy_unnormalized(p: np.ndarray, base: float = 2.0) -> float:
    """Mistake: -sum p log p on the raw vector, without normalizing it first."""
    x = as_vector(p)
    return -weighted_logs(x, safe_log(x)) / math.log(base)


def entropy_mean(p: np.ndarray, base: float = 2.0) -> float:
    """Mistake: the mean of -p log p over the entries instead of their sum."""
    return entropy(p, base) / as_vector(p).size


def cross_entropy_swapped(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: -sum q log p, the arguments swapped."""
    return cross_entropy(q, p)


def cross_entropy_naive(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: -sum p log q over every entry, so 0 * log(0) gives NaN where p = q = 0."""
    with np.errstate(all="ignore"):
        return float(-np.sum(as_vector(p) * np.log(as_vector(q))))


def cross_entropy_clipped(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: q clipped away from 0 (here at 1e-300), so an infinite answer becomes finite."""
    return cross_entropy(p, np.maximum(as_vector(q), 1e-300))


def finite_instead_of_inf(ctx: Any) -> bool:
    """Predicate: the answer is inf (q = 0 where p > 0) but the learner's is a finite number."""
    try:
        from mistake_models.common import real

        expected, actual = float(ctx.expected), float(real(ctx.actual))
    except (TypeError, ValueError):
        return False
    return math.isinf(expected) and math.isfinite(actual)


def cross_entropy_as_kl(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: the KL divergence sum p log(p/q) instead of the cross-entropy."""
    return relative_entropy(p, q)


def softmax_entropy_unshifted(logits: np.ndarray) -> float:
    """Mistake: softmax without subtracting the maximum (overflows to NaN) and p log p."""
    z = as_vector(logits)
    with np.errstate(all="ignore"):
        e = np.exp(z)
        p = e / np.sum(e)
        return float(-np.sum(p * np.log(p)))


def softmax_entropy_plogp(logits: np.ndarray) -> float:
    """Mistake: a stable softmax, then p log p, which is NaN where p underflowed to 0."""
    z = as_vector(logits)
    with np.errstate(all="ignore"):
        e = np.exp(z - np.max(z))
        p = e / np.sum(e)
        return float(-np.sum(p * np.log(p)))


def softmax_entropy_unnormalized(logits: np.ndarray) -> float:
    """Mistake: p = exp(z - max) used without dividing by its sum."""
    z = as_vector(logits)
    e = np.exp(z - np.max(z))
    return -weighted_logs(e, safe_log(e))
