"""Reference solutions for the eigenvalues topic, and the mistaken answers its rules recognise."""

from __future__ import annotations

import cmath

import numpy as np


def eig_symmetric(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues ascending and orthonormal eigenvectors as columns."""
    w, v = np.linalg.eigh(A)
    return w, v


def power_iteration(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray]:
    """The eigenvalue of largest magnitude of a symmetric A and a unit eigenvector (by eigh)."""
    w, v = np.linalg.eigh(A)
    k = int(np.argmax(np.abs(w)))
    return float(w[k]), v[:, k]


def eigvals_2x2(A: np.ndarray) -> np.ndarray:
    """The two eigenvalues of a real 2x2 matrix: real dtype if both are real, complex otherwise."""
    return np.linalg.eigvals(A)


def _trace_det(A: np.ndarray) -> tuple[float, float]:
    """Trace and determinant of a 2x2 matrix."""
    a = np.asarray(A, dtype=float)
    return float(a[0, 0] + a[1, 1]), float(a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0])


def eigvals_real_parts(A: np.ndarray) -> np.ndarray:
    """Mistake: only the real parts of a complex pair."""
    return np.real(np.linalg.eigvals(A))


def eigvals_sqrt_not_halved(A: np.ndarray) -> np.ndarray:
    """Mistake: tr/2 ± sqrt(tr² - 4 det), the square root not divided by 2."""
    tr, det = _trace_det(A)
    root = cmath.sqrt(tr * tr - 4 * det)
    return np.array([tr / 2 + root, tr / 2 - root])


def eigvals_abs_discriminant(A: np.ndarray) -> np.ndarray:
    """Mistake: (tr ± sqrt(|tr² - 4 det|)) / 2, a real pair where the eigenvalues are complex."""
    tr, det = _trace_det(A)
    root = np.sqrt(abs(tr * tr - 4 * det))
    return np.array([(tr + root) / 2, (tr - root) / 2])
