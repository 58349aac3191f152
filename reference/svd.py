"""Reference solutions for the SVD topic, and the answers of its known mistakes."""

from __future__ import annotations

import numpy as np


def svd(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reduced SVD (U, s, Vt) by LAPACK."""
    u, s, vt = np.linalg.svd(A, full_matrices=False)
    return u, s, vt


def _descending_eigh(gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (clipped at 0) and eigenvectors of a Gram matrix, largest first."""
    w, v = np.linalg.eigh(gram)
    return np.clip(w[::-1], 0.0, None), v[:, ::-1]


def svd_via_gram(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A correct naive SVD: V from eigh(A^T A) (or U from eigh(A A^T) when wide), the other as A v / sigma."""
    a = np.asarray(A, dtype=float)
    k = min(a.shape)
    if a.shape[0] >= a.shape[1]:
        w, v = _descending_eigh(a.T @ a)
        s, v = np.sqrt(w[:k]), v[:, :k]
        return (a @ v) / s, s, v.T
    w, u = _descending_eigh(a @ a.T)
    s, u = np.sqrt(w[:k]), u[:, :k]
    return u, s, ((a.T @ u) / s).T


def svd_separate_eigh(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: U from eigh(A A^T) and V from eigh(A^T A) separately, so their signs need not match."""
    a = np.asarray(A, dtype=float)
    k = min(a.shape)
    w, v = _descending_eigh(a.T @ a)
    _, u = _descending_eigh(a @ a.T)
    return u[:, :k], np.sqrt(w[:k]), v[:, :k].T


def svd_full(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: the full SVD, U (m, m) and Vt (n, n)."""
    u, s, vt = np.linalg.svd(A, full_matrices=True)
    return u, s, vt


def _truncated(A: np.ndarray, keep: slice) -> np.ndarray:
    """Sum of sigma_i u_i v_i^T over the singular triplets selected by `keep`."""
    u, s, vt = svd(A)
    return (u[:, keep] * s[keep]) @ vt[keep]


def low_rank_approximation(A: np.ndarray, k: int) -> np.ndarray:
    """Best rank-k approximation: the k largest singular triplets (Eckart-Young)."""
    return _truncated(A, slice(0, int(k)))


def low_rank_smallest(A: np.ndarray, k: int) -> np.ndarray:
    """Mistake: the k smallest singular triplets kept instead of the k largest."""
    return _truncated(A, slice(min(A.shape) - int(k), None))


def low_rank_k_plus_one(A: np.ndarray, k: int) -> np.ndarray:
    """Mistake: k + 1 triplets kept (an off-by-one in the slice)."""
    return _truncated(A, slice(0, int(k) + 1))


def low_rank_k_minus_one(A: np.ndarray, k: int) -> np.ndarray:
    """Mistake: k - 1 triplets kept (an off-by-one in the slice)."""
    return _truncated(A, slice(0, int(k) - 1))


def low_rank_unweighted(A: np.ndarray, k: int) -> np.ndarray:
    """Mistake: U_k V_k^T, the singular values left out."""
    u, _, vt = svd(A)
    return u[:, :int(k)] @ vt[:int(k)]


def low_rank_separate_eigh(A: np.ndarray, k: int) -> np.ndarray:
    """Mistake: the k triplets from U and V computed by separate eigh calls (signs unmatched)."""
    u, s, vt = svd_separate_eigh(A)
    return (u[:, :int(k)] * s[:int(k)]) @ vt[:int(k)]


def condition_number(A: np.ndarray) -> float:
    """2-norm condition number sigma_max / sigma_min."""
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0] / s[-1])


def condition_inverted(A: np.ndarray) -> float:
    """Mistake: sigma_min / sigma_max."""
    return 1.0 / condition_number(A)


def condition_frobenius(A: np.ndarray) -> float:
    """Mistake: the Frobenius-norm condition number ||A||_F ||A^-1||_F."""
    return float(np.linalg.norm(A, "fro") * np.linalg.norm(np.linalg.inv(A), "fro"))


def condition_eigenvalues(A: np.ndarray) -> float:
    """Mistake: |lambda|_max / |lambda|_min, eigenvalues where singular values are needed."""
    lam = np.abs(np.linalg.eigvals(A))
    return float(lam.max() / lam.min())


def condition_one_norm(A: np.ndarray) -> float:
    """Mistake: the 1-norm condition number ||A||_1 ||A^-1||_1."""
    return float(np.linalg.norm(A, 1) * np.linalg.norm(np.linalg.inv(A), 1))


def condition_inf_norm(A: np.ndarray) -> float:
    """Mistake: the infinity-norm condition number ||A||_inf ||A^-1||_inf (largest absolute row sums)."""
    return float(np.linalg.norm(A, np.inf) * np.linalg.norm(np.linalg.inv(A), np.inf))
