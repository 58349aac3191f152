"""Reference solutions for the matrices topic, and the mistaken answers its mistake rules match."""

from __future__ import annotations

import numpy as np


def matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The matrix product A @ B."""
    return A @ B


def matmul_elementwise(A: np.ndarray, B: np.ndarray) -> np.ndarray | None:
    """Mistake: the entrywise product A * B (only possible when the shapes are equal)."""
    return A * B if A.shape == B.shape else None


def matmul_reversed(A: np.ndarray, B: np.ndarray) -> np.ndarray | None:
    """Mistake: B @ A, the factors in the wrong order (only when the shapes allow it)."""
    return B @ A if B.shape[1] == A.shape[0] else None


def cross_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The cross product a x b of two 3-vectors."""
    return np.array([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])


def cross_middle_sign(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: the middle component with the wrong sign, a0 b2 - a2 b0."""
    c = cross_product(a, b)
    c[1] = -c[1]
    return c


def cross_elementwise(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Mistake: the entrywise product a * b."""
    return a * b


def batch_matmul(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """X[i] @ W for every i of the batch: (b, n, k) x (k, m) -> (b, n, m)."""
    return X @ W


def batch_summed(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Mistake: the products summed over the batch, (n, m)."""
    return np.sum(X @ W, axis=0)


def batch_axis_moved(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Mistake: the batch axis second, (n, b, m)."""
    return np.swapaxes(X @ W, 0, 1)
