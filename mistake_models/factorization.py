"""Mistaken answers of the factorization topic."""

from __future__ import annotations

import numpy as np

from grader.checks.core import CheckContext
from mistake_models.common import real
from reference import factorization


def qr_r_transposed(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: R returned transposed (lower triangular)."""
    q, r = factorization.qr_decompose(A)
    return q, r.T


def qr_unit_r_diagonal(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: orthogonal but unnormalized columns in Q, with R's diagonal 1 (A == Q @ R holds)."""
    q, r = factorization.qr_decompose(A)
    d = np.diag(r).copy()
    return q * d, r / d[:, None]


def lu_permutation_in_l(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: the permutation folded into L (P @ L, not triangular), with P returned as the identity."""
    p, lower, upper = factorization.lu_decompose(A)
    return np.eye(len(p)), p @ lower, upper


def permutation_in_l(ctx: CheckContext) -> bool:
    """L is the permuted lower factor P @ L (whatever P was returned)."""
    try:
        p, lower, _ = (np.asarray(x, dtype=float) for x in ctx.expected)
        if np.iscomplexobj(ctx.actual[1]):
            return False
        got = real(ctx.actual[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return False
    if got.shape != lower.shape or np.allclose(p, np.eye(len(p))):
        return False
    folded = p @ lower
    return bool(np.allclose(got, folded, rtol=1e-6, atol=1e-9 * max(1.0, float(np.abs(folded).max()))))


def cholesky_diagonal_not_updated(A: np.ndarray) -> np.ndarray:
    """Mistake: L[j, j] = sqrt(A[j, j]), without subtracting the squares of L[j, :j]."""
    a = np.asarray(A, dtype=float)
    n = len(a)
    lower = np.zeros_like(a)
    for j in range(n):
        lower[j, j] = np.sqrt(a[j, j])
        for i in range(j + 1, n):
            lower[i, j] = (a[i, j] - lower[i, :j] @ lower[j, :j]) / lower[j, j]
    return lower


def cholesky_unit_ldl(A: np.ndarray) -> np.ndarray:
    """Mistake: the unit lower factor of A = L D L.T (ones on the diagonal), not L D^(1/2)."""
    lower = factorization.cholesky(A)
    return lower / np.diag(lower)


def cholesky_ldl_times_d(A: np.ndarray) -> np.ndarray:
    """Mistake: the unit factor of LDL.T times D (columns scaled by d_j, not sqrt(d_j))."""
    lower = factorization.cholesky(A)
    return lower * np.diag(lower)


def lu_crout(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: Crout's convention, the pivots on L's diagonal and ones on U's."""
    p, lower, upper = factorization.lu_decompose(A)
    d = np.diag(upper).copy()
    return p, lower * d, upper / d[:, None]
