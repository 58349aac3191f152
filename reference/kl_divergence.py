"""Reference solutions for the KL divergence topic, and the answers of its known mistakes."""

from __future__ import annotations

import math

import numpy as np

from reference.entropy import as_vector, cross_entropy, relative_entropy


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """KL(p || q) = sum p log(p/q) in nats; 0 where p = 0; inf where q = 0 < p."""
    return relative_entropy(p, q)


def js_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon divergence in nats: (KL(p || m) + KL(q || m)) / 2 with m = (p + q) / 2."""
    x, y = as_vector(p), as_vector(q)
    m = 0.5 * (x + y)
    return 0.5 * (relative_entropy(x, m) + relative_entropy(y, m))


def vae_terms(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """exp(lv) - 1 - lv + mu^2 per entry, with expm1 so it stays accurate near the prior."""
    lv = np.asarray(logvar, dtype=float)
    return np.expm1(lv) - lv + np.asarray(mu, dtype=float) ** 2


def gaussian_kl(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Per-row KL(N(mu, diag(exp(logvar))) || N(0, I)) = 1/2 sum(exp(lv) + mu^2 - 1 - lv)."""
    terms = vae_terms(mu, logvar)
    return np.array([0.5 * math.fsum(row) for row in terms.reshape(terms.shape[0], -1).tolist()])


# ----------------------------------------------------------------- known mistakes

def kl_swapped(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: KL(q || p), the arguments swapped."""
    return relative_entropy(q, p)


def kl_naive(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: sum p log(p/q) over every entry, so 0 * log(0) gives NaN where p = 0."""
    x, y = as_vector(p), as_vector(q)
    with np.errstate(all="ignore"):
        return float(np.sum(x * np.log(x / y)))


def js_naive(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: the JS divergence from kl_naive, NaN wherever p or q has a zero."""
    x, y = as_vector(p), as_vector(q)
    m = 0.5 * (x + y)
    return 0.5 * (kl_naive(x, m) + kl_naive(y, m))


def kl_clipped(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: q clipped away from 0 (here at 1e-300), so an infinite answer becomes finite."""
    return relative_entropy(p, np.maximum(as_vector(q), 1e-300))


def kl_as_cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: the cross-entropy -sum p log q instead of the divergence."""
    return cross_entropy(p, q)


def js_unhalved_mixture(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: the mixture m = p + q instead of (p + q) / 2."""
    x, y = as_vector(p), as_vector(q)
    return 0.5 * (relative_entropy(x, x + y) + relative_entropy(y, x + y))


def js_symmetrized_kl(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: (KL(p || q) + KL(q || p)) / 2, the symmetrized KL, not JS."""
    return 0.5 * (relative_entropy(p, q) + relative_entropy(q, p))


def js_one_sided(p: np.ndarray, q: np.ndarray) -> float:
    """Mistake: only KL(p || m), the q half forgotten."""
    x, y = as_vector(p), as_vector(q)
    return relative_entropy(x, 0.5 * (x + y))


def gaussian_kl_log_sigma(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mistake: logvar read as log(sigma), so the variance is exp(2 logvar)."""
    return gaussian_kl(mu, 2.0 * np.asarray(logvar, dtype=float))


def gaussian_kl_mean(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mistake: the mean over the latent dimensions instead of their sum."""
    return gaussian_kl(mu, logvar) / np.shape(mu)[1]


def gaussian_kl_no_minus_one(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """Mistake: the -1 inside the sum forgotten (off by d/2)."""
    return gaussian_kl(mu, logvar) + 0.5 * np.shape(mu)[1]
