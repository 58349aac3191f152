"""Reference solutions for the determinant topic."""

from __future__ import annotations

import numpy as np


def determinant(A: np.ndarray) -> float:
    """det(A) by LAPACK's LU."""
    return float(np.linalg.det(A))


def determinant_abs(A: np.ndarray) -> float:
    """Mistake: the sign of the row swaps dropped, |det A|."""
    return abs(float(np.linalg.det(A)))
