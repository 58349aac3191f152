"""Reference solutions for the vectors topic."""

from __future__ import annotations

import numpy as np


def vector_arithmetic(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Elementwise sum, difference, product and quotient."""
    return a + b, a - b, a * b, a / b


def vector_arithmetic_reversed_division(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Mistake: b / a instead of a / b."""
    return a + b, a - b, a * b, b / a
