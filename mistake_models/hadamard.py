"""Mistaken answers of the hadamard topic."""

from __future__ import annotations

import numpy as np


def hadamard_broadcast(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Mistake: A * B as numpy broadcasts it, with no check that the shapes are equal."""
    return np.asarray(A, dtype=float) * np.asarray(B, dtype=float)
