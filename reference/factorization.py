"""Reference solutions for the factorization topic, and the mistaken answers its rules recognise."""

from __future__ import annotations

import numpy as np


def lu_decompose(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(P, L, U) with A = P @ L @ U by LAPACK's partial pivoting (scipy's convention)."""
    import scipy.linalg  # deferred: only grading lu_decompose needs scipy (0.1-0.2 s to import)

    p, lower, upper = scipy.linalg.lu(A)
    return p, lower, upper


def lu_forgot_p(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: L and U of the pivoted elimination, with P returned as the identity."""
    import scipy.linalg

    _p, lower, upper = scipy.linalg.lu(A)
    return np.eye(len(lower)), lower, upper


def lu_no_pivoting(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: Doolittle elimination without row swaps (P = I), so |L| may exceed 1."""
    u = np.array(A, dtype=float)
    n = len(u)
    lower = np.eye(n)
    with np.errstate(all="ignore"):
        for k in range(n - 1):
            lower[k + 1:, k] = u[k + 1:, k] / u[k, k]
            u[k + 1:, k:] -= np.outer(lower[k + 1:, k], u[k, k:])
    return np.eye(n), lower, np.triu(u)


def lu_unswapped_multipliers(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mistake: partial pivoting that swaps rows of U but not the multipliers already stored in L."""
    u = np.array(A, dtype=float)
    n = len(u)
    perm = np.arange(n)
    lower = np.eye(n)
    for k in range(n - 1):
        pivot = k + int(np.argmax(np.abs(u[k:, k])))
        u[[k, pivot]] = u[[pivot, k]]
        perm[[k, pivot]] = perm[[pivot, k]]
        if u[k, k] != 0.0:
            lower[k + 1:, k] = u[k + 1:, k] / u[k, k]
            u[k + 1:, k:] -= np.outer(lower[k + 1:, k], u[k, k:])
    return np.eye(n)[:, perm], lower, np.triu(u)


def qr_decompose(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reduced QR by LAPACK's Householder: Q (m, n) orthonormal columns, R (n, n) upper triangular."""
    q, r = np.linalg.qr(A, mode="reduced")
    return q, r


def qr_complete(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: the complete QR, Q (m, m) and R (m, n), with LAPACK's (textbook Householder) signs."""
    q, r = np.linalg.qr(A, mode="complete")
    return q, r


def qr_gram_schmidt_unnormalized(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: classical Gram-Schmidt that stores each column of Q before dividing it by its norm."""
    a = np.asarray(A, dtype=float)
    m, n = a.shape
    q = np.zeros((m, n))
    r = np.zeros((n, n))
    for j in range(n):
        v = a[:, j].copy()
        for i in range(j):
            r[i, j] = q[:, i] @ a[:, j]
            v -= r[i, j] * q[:, i]
        r[j, j] = np.linalg.norm(v)
        q[:, j] = v
    return q, r


def cholesky(A: np.ndarray) -> np.ndarray:
    """The lower-triangular Cholesky factor L (positive diagonal) with A = L @ L.T."""
    return np.linalg.cholesky(A)


def cholesky_upper_kept(A: np.ndarray) -> np.ndarray:
    """Mistake: L computed in a copy of A whose entries above the diagonal were left in place."""
    return np.linalg.cholesky(A) + np.triu(np.asarray(A, dtype=float), 1)
