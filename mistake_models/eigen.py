"""Recognisers of mistakes in the eigen topic and in power iterations."""

from __future__ import annotations

import numpy as np

from grader.checks.core import EPS, CheckContext, full_mantissa
from mistake_models.common import real
from reference.eigen import eig_symmetric


def eig_not_orthogonal(ctx: CheckContext) -> bool:
    """Right eigenvalues and A V = V diag(w), but columns of V that are not orthonormal (eig, not eigh)."""
    try:
        w_ref, _ = (np.asarray(x, dtype=float) for x in ctx.expected)
        w, v = (np.asarray(x) for x in ctx.actual)
        if np.iscomplexobj(w) or np.iscomplexobj(v):
            return False
        w, v = w.astype(float), v.astype(float)
    except (TypeError, ValueError):
        return False
    a = np.asarray(ctx.inputs["A"], dtype=float)
    if w.shape != w_ref.shape or v.shape != a.shape:
        return False
    scale = max(1.0, float(np.abs(w_ref).max()))
    values_right = bool(np.allclose(np.sort(w), w_ref, rtol=1e-8, atol=1e-10 * scale))
    residual_small = float(np.abs(a @ v - v * w).max()) <= 1e-8 * scale
    orthonormal = bool(np.allclose(v.T @ v, np.eye(len(w)), atol=1e-8))
    return values_right and residual_small and not orthonormal


def _eigenvalues(a: np.ndarray) -> np.ndarray:
    return eig_symmetric(a)[0]


def other_eigenvalue(ctx: CheckContext) -> bool:
    """lam is an eigenvalue of A other than the dominant one (the iteration never left a non-dominant eigenvector)."""
    try:
        lam = float(real(ctx.actual[0]))
        dominant = float(np.asarray(ctx.expected[0], dtype=float))
    except (TypeError, ValueError, IndexError):
        return False
    values = _eigenvalues(np.asarray(ctx.inputs["A"], dtype=float))
    scale = max(abs(dominant), 1e-300)
    others = [x for x in values if abs(x - dominant) > 1e-9 * scale]
    return any(abs(lam - x) <= 1e-7 * scale for x in others)


def other_singular_value(ctx: CheckContext) -> bool:
    """The answer is a singular value of A, but not the largest (a start vector with no component along v_1)."""
    try:
        got = float(real(ctx.actual))
        largest = float(ctx.expected)
    except (TypeError, ValueError):
        return False
    a = np.asarray(ctx.inputs["A"], dtype=float)
    gram = a.T @ a if a.shape[0] >= a.shape[1] else a @ a.T  # min(m, n) singular values, no structural zeros
    values = np.sqrt(np.clip(_eigenvalues(gram), 0.0, None))
    scale = max(largest, 1e-300)
    others = [x for x in values if abs(x - largest) > 1e-9 * scale]
    return any(abs(got - x) <= 1e-7 * scale for x in others)


def eig_with_eig(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mistake: np.linalg.eig sorted ascending (an `example:`; None where its eigenvectors come out orthonormal)."""
    w, v = np.linalg.eig(np.asarray(A, dtype=float))
    order = np.argsort(w.real)
    w, v = w.real[order], v.real[:, order]
    return (w, v) if not np.allclose(v.T @ v, np.eye(len(w)), atol=1e-8) else None


def power_iteration_from_ones(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray] | None:
    """Mistake: power iteration from the all-ones vector (None where it finds the dominant eigenvalue anyway)."""
    a = np.asarray(A, dtype=float)
    v = np.ones(len(a)) / np.sqrt(len(a))
    for _ in range(int(num_iters)):
        w = a @ v
        v = w / np.sqrt(w @ w)
    return float(v @ a @ v), v


def spectral_from_ones(A: np.ndarray) -> float:
    """Mistake: power iteration on A^T A from the all-ones vector."""
    a = np.asarray(A, dtype=float)
    v = np.ones(a.shape[1])
    if not np.any(a):
        return 0.0
    for _ in range(500):
        w = a.T @ (a @ v)
        v = w / np.sqrt(w @ w)
    return float(np.sqrt((a @ v) @ (a @ v)))



def power_iteration_unconverged(ctx: CheckContext) -> bool:
    """lam of the dominant eigenvalue's sign and below it in size: a Rayleigh quotient never overshoots, and a
    few steps leave it anywhere between 0 and the dominant eigenvalue when the spectrum is flat."""
    try:
        lam = float(real(ctx.actual[0]))
        dominant = float(np.asarray(ctx.expected[0], dtype=float))
    except (TypeError, ValueError, IndexError):
        return False
    if lam == float(np.float32(lam)) and full_mantissa(np.array([lam]), last_bits=4):  # float32 arithmetic's
        return False  # rounding (a computed float32 number, not a short fraction such as 2.5), not too few steps
    return lam * dominant > 0 and abs(lam) < abs(dominant) * (1 - 1e3 * EPS)  # below it by more than rounding


def power_iteration_few_steps(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray] | None:
    """Mistake: 5 steps of power iteration, num_iters ignored; None where 5 steps bring lam within rounding of the
    dominant eigenvalue (v may still be off, but not_converged speaks of lam)."""
    a = np.asarray(A, dtype=float)
    v = np.cos(np.arange(len(a)) + 1.0)
    v /= np.sqrt(v @ v)
    for _ in range(5):
        w = a @ v
        v = w / np.sqrt(w @ w)
    lam = float(v @ a @ v)
    dominant = float(np.max(np.abs(np.linalg.eigvalsh((a + a.T) / 2))))
    return None if abs(lam) >= dominant * (1 - 1e3 * EPS) else (lam, v)


def condition_unconverged(ctx: CheckContext) -> bool:
    """A value up to half below the condition number: unconverged power iterations underestimate sigma_max
    and overestimate sigma_min."""
    try:
        got = float(real(ctx.actual))
        expected = float(ctx.expected)
    except (TypeError, ValueError):
        return False
    return 0.5 * expected <= got < expected


def condition_few_steps(A: np.ndarray) -> float:
    """Mistake: 5 steps of power iteration on A^T A and of inverse iteration."""
    a = np.asarray(A, dtype=float)
    gram = a.T @ a
    inv = np.linalg.inv(gram)
    v = u = np.cos(np.arange(len(gram)) + 1.0)
    for _ in range(5):
        v = gram @ v
        v = v / np.sqrt(v @ v)
        u = inv @ u
        u = u / np.sqrt(u @ u)
    return float(np.sqrt((v @ gram @ v) * (u @ inv @ u)))


def zero_for_small(ctx: CheckContext) -> bool:
    """The answer is 0 where the expected one is not: a zero guard against an absolute cutoff."""
    try:
        got = real(ctx.actual)
        expected = np.asarray(ctx.expected, dtype=float)
    except (TypeError, ValueError):
        return False
    return bool(got.shape == expected.shape and got.size and np.all(got == 0) and np.any(expected != 0))


def spectral_with_cutoff(A: np.ndarray) -> float | None:
    """Mistake: 0.0 whenever ||A||_F is below 1e-10 (the spectral norm otherwise)."""
    a = np.asarray(A, dtype=float)
    if np.sqrt(np.sum(a * a)) >= 1e-10:
        return None
    return 0.0
