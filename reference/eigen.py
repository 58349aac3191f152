"""Reference solutions for the eigenvalues topic."""

from __future__ import annotations

import numpy as np


def eig_symmetric(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues ascending and orthonormal eigenvectors as columns."""
    w, v = np.linalg.eigh(A)
    return w, v
