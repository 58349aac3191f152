"""Mistaken answers of the determinant topic."""

from __future__ import annotations

import numpy as np

from reference.determinant import slogdet


def slogdet_singular_sign_one(A: np.ndarray) -> tuple[float, float]:
    """Mistake: (1.0, -inf) for a singular A, the sign left at its starting value."""
    sign, logabsdet = slogdet(A)
    return (1.0, -np.inf) if sign == 0.0 else (sign, logabsdet)


def determinant_diagonal_product(A: np.ndarray) -> float:
    """Mistake: the product of A's diagonal, without eliminating first."""
    return float(np.prod(np.diag(np.asarray(A, dtype=float))))


def slogdet_det_only(A: np.ndarray) -> float:
    """Mistake: the determinant itself returned, not (sign, logabsdet)."""
    sign, logabsdet = slogdet(A)
    return float(sign * np.exp(logabsdet))
