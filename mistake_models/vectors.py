"""Mistaken answers of the vectors and matrices topics."""

from __future__ import annotations

import numpy as np


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
