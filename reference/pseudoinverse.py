"""Reference solutions for the pseudoinverse topic, correct naive alternatives, and known mistakes."""

from __future__ import annotations

import numpy as np


def pinv(A: np.ndarray) -> np.ndarray:
    """Moore-Penrose pseudoinverse by LAPACK's SVD (singular values <= 1e-15 sigma_1 treated as 0)."""
    return np.linalg.pinv(A)


def pinv_via_gram(A: np.ndarray, cutoff: float = 1e-7) -> np.ndarray:
    """A correct naive pinv: SVD from eigh(A^T A), singular values below cutoff * sigma_1 dropped."""
    a = np.asarray(A, dtype=float)
    w, v = np.linalg.eigh(a.T @ a)
    s = np.sqrt(np.clip(w, 0.0, None))
    keep = s > cutoff * s.max() if s.max() > 0 else np.zeros(s.shape, bool)
    v, s = v[:, keep], s[keep]
    u = (a @ v) / s
    return (v / s) @ u.T


def pinv_gram_tiny_cutoff(A: np.ndarray) -> np.ndarray:
    """Mistake: SVD via eigh(A^T A) with a cutoff of 1e-12 on s, below its rounding-level singular values (~1e-8)."""
    return pinv_via_gram(A, cutoff=1e-12)


def pinv_no_cutoff(A: np.ndarray) -> np.ndarray:
    """Mistake: V diag(1/s) U^T over every singular value, the rounding-level ones included."""
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    with np.errstate(all="ignore"):
        return (vt.T / s) @ u.T


def pinv_normal_equations(A: np.ndarray) -> np.ndarray:
    """Mistake on rank-deficient A: inv(A^T A) A^T (tall) or A^T inv(A A^T) (wide); inf where inv refuses."""
    a = np.asarray(A, dtype=float)
    try:
        with np.errstate(all="ignore"):
            if a.shape[0] >= a.shape[1]:
                return np.linalg.inv(a.T @ a) @ a.T
            return a.T @ np.linalg.inv(a @ a.T)
    except np.linalg.LinAlgError:
        return np.full(a.T.shape, np.inf)


def pinv_absolute_floor(A: np.ndarray) -> np.ndarray:
    """Mistake: singular values below an absolute 1e-10 dropped too, all of them when A is tiny."""
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    keep = s > max(1e-10, 1e-10 * s[0])
    with np.errstate(all="ignore"):
        return (vt[keep].T / s[keep]) @ u[:, keep].T


def least_squares(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x minimizing ||Ax - b|| by LAPACK's lstsq."""
    return np.linalg.lstsq(A, b, rcond=None)[0]


def least_squares_normal(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A correct naive least squares: solve the normal equations A^T A x = A^T b."""
    return np.linalg.solve(A.T @ A, A.T @ b)


def square_subsystem(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: only the first n equations solved, the rest ignored."""
    n = A.shape[1]
    return np.linalg.solve(A[:n], b[:n])


def transpose_times_b(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: A^T b, with the inverse of A^T A (or A A^T) left out."""
    return A.T @ b


def min_norm_solution(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Minimum-norm solution of the underdetermined Ax = b, by the pseudoinverse."""
    return np.linalg.pinv(A) @ b


def min_norm_normal(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A correct naive minimum-norm solution: A^T (A A^T)^-1 b."""
    return A.T @ np.linalg.solve(A @ A.T, b)


def min_norm_plus_null(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: a solution with a null-space component, 1e-3 of its length, added."""
    x = min_norm_solution(A, b)
    null = np.linalg.svd(A)[2][-1]
    return x + 1e-3 * np.linalg.norm(x) * null


def basic_solution(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: a basic solution, the first m unknowns solved for and the others set to 0."""
    m = A.shape[0]
    x = np.zeros(A.shape[1])
    x[:m] = np.linalg.solve(A[:, :m], b)
    return x
