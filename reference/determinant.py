"""Reference solutions for the determinant topic, and the mistaken answers its rules recognise."""

from __future__ import annotations

import numpy as np


def determinant(A: np.ndarray) -> float:
    """det(A) by LAPACK's LU."""
    return float(np.linalg.det(A))


def determinant_abs(A: np.ndarray) -> float:
    """Mistake: the sign of the row swaps dropped, |det A|."""
    return abs(float(np.linalg.det(A)))


def slogdet(A: np.ndarray) -> tuple[float, float]:
    """(sign, log|det A|) by LAPACK's LU; (0.0, -inf) for a singular A."""
    sign, logabsdet = np.linalg.slogdet(A)
    return float(sign), float(logabsdet)


def slogdet_singular_zero(A: np.ndarray) -> tuple[float, float]:
    """Mistake: (0.0, 0.0) for a singular A instead of (0.0, -inf); correct otherwise."""
    sign, logabsdet = slogdet(A)
    return (0.0, 0.0) if sign == 0.0 else (sign, logabsdet)


def _edges(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The edge vectors q - p and r - p."""
    return np.asarray(q, dtype=float) - p, np.asarray(r, dtype=float) - p


def _cross(u: np.ndarray, v: np.ndarray) -> float:
    """det([u, v]) of two 2-vectors."""
    return float(u[0] * v[1] - u[1] * v[0])


def triangle_area(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
    """Half the absolute determinant of the edge vectors q - p and r - p."""
    return 0.5 * abs(_cross(*_edges(p, q, r)))


def triangle_area_from_origin(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> float:
    """Mistake: q and r used as edge vectors from the origin instead of from p."""
    return 0.5 * abs(_cross(np.asarray(q, dtype=float), np.asarray(r, dtype=float)))
