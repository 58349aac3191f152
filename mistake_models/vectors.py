"""Mistaken answers of the vectors and matrices topics."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext
from mistake_models.common import real, with_cutoff
from reference import vectors as _reference_vectors


def cosine_one_norm(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: a . b divided by the L1 lengths (sums of absolute values)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.sum(x * y) / (np.sum(np.abs(x)) * np.sum(np.abs(y))))


def cross_as_dot(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: the dot product a . b instead of the cross product."""
    return float(np.sum(np.asarray(a, dtype=float) * np.asarray(b, dtype=float)))


def arithmetic_three_items(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: the quotient left out: (a + b, a - b, a * b)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return x + y, x - y, x * y


def _shrink(ctx: CheckContext) -> float | None:
    """The factor r in (0, 1) with the learner's answer = r * the expected one (all of it, the same r), or None."""
    try:
        if np.iscomplexobj(ctx.actual):
            return None
        actual = real(ctx.actual)
        expected = np.asarray(ctx.expected, dtype=float)
    except (TypeError, ValueError):
        return None
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)) or not np.any(expected != 0):
        return None
    big = np.argmax(np.abs(expected))
    ratio = float(actual.flat[big] / expected.flat[big])
    if not 0 < ratio < 1 - 1e-9 or not np.allclose(actual, ratio * expected, rtol=1e-9, atol=0):
        return None
    return ratio


def _epsilon_added(ctx: CheckContext, size: float) -> bool:
    """The answer is the expected one times size / (size + eps), for a small eps: an epsilon added to the
    quantity divided by (a length, or a squared length)."""
    ratio = _shrink(ctx)
    return ratio is not None and 0 < size * (1 / ratio - 1) <= 1e-4


def cosine_epsilon(ctx: CheckContext) -> bool:
    """An epsilon added to the product of the lengths |a| |b|."""
    a, b = (np.asarray(ctx.inputs[k], dtype=float) for k in ("a", "b"))
    return _epsilon_added(ctx, float(np.sqrt(np.sum(a * a)) * np.sqrt(np.sum(b * b))))


def projection_epsilon(ctx: CheckContext) -> bool:
    """An epsilon added to b . b."""
    b = np.asarray(ctx.inputs["b"], dtype=float)
    return _epsilon_added(ctx, float(np.sum(b * b)))


def cosine_with_epsilon(a: np.ndarray, b: np.ndarray) -> float:
    """Mistake: (a . b) / (|a| |b| + 1e-6); an epsilon that large fails vectors of ordinary length too, so that
    a learner's failures there that are not an epsilon's tell against the mistake (judging.contradicted)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.sum(x * y) / (np.sqrt(np.sum(x * x)) * np.sqrt(np.sum(y * y)) + 1e-6))


def projection_with_epsilon(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: ((a . b) / (b . b + 1e-6)) * b (an epsilon that shows on ordinary vectors too, as above)."""
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.sum(x * y) / (np.sum(y * y) + 1e-6) * y


# tiny_zeroed examples: the reference with an absolute cutoff (1e-3 catches the cosines near 5e-4)
dot_product_cutoff = with_cutoff(_reference_vectors.dot_product, 1e-10)
cosine_similarity_cutoff = with_cutoff(_reference_vectors.cosine_similarity, 1e-3)
vector_projection_cutoff = with_cutoff(_reference_vectors.vector_projection, 1e-3)
