"""Mistaken answers of the kl_divergence topic."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext
from mistake_models.common import real
from reference.kl_divergence import gaussian_kl, js_one_sided, relative_entropy


def kl_absolute_terms(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: the absolute values of the terms p log(p/q) added up."""
    x, y = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    with np.errstate(all="ignore"):
        terms = np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0) / y), 0.0)
    return float(np.sum(np.abs(terms)))


def js_any_one_sided(ctx: CheckContext) -> bool:
    """Only one half of JS: KL(p || m) or KL(q || m), with or without the 1/2."""
    try:
        got = float(real(ctx.actual))
    except (TypeError, ValueError):
        return False
    p, q = (np.asarray(ctx.inputs[k], dtype=float) for k in ("p", "q"))
    m = 0.5 * (p + q)
    halves = [relative_entropy(p, m), relative_entropy(q, m)]
    scale = max(1.0, abs(got))
    return any(abs(got - f * h) <= 1e-7 * scale for h in halves for f in (1.0, 0.5))




def gaussian_kl_logvar_as_variance(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mistake: logvar used as the variance in the exp term: 1/2 sum(logvar + mu^2 - 1 - logvar)."""
    m = np.asarray(mu, dtype=float)
    return 0.5 * np.sum((m ** 2 - 1.0).reshape(m.shape[0], -1), axis=1)


def gaussian_kl_log_of_logvar(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mistake: logvar read as the variance itself: 1/2 sum(v + mu^2 - 1 - log v) with v = logvar."""
    v = np.asarray(logvar, dtype=float)
    with np.errstate(all="ignore"):
        return gaussian_kl(mu, np.log(v))


def gaussian_kl_summed_over_batch(mu: np.ndarray, logvar: np.ndarray) -> float | None:
    """Mistake: one number for the whole batch, the per-row KLs added up. Not for a batch of one row, where a
    scalar is that row's KL itself (np.squeeze, a lost axis), not a sum."""
    per_row = gaussian_kl(mu, logvar)
    return None if np.size(per_row) == 1 else float(np.sum(per_row))
