"""Reference solutions for the hadamard topic, and the mistaken answers its mistake rules match."""

from __future__ import annotations

import numpy as np


def hadamard(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The elementwise product; ValueError when the shapes differ (no broadcasting)."""
    if np.shape(A) != np.shape(B):
        raise ValueError(f"shapes differ: {np.shape(A)} and {np.shape(B)}")
    return A * B


def hadamard_matrix_product(A: np.ndarray, B: np.ndarray) -> np.ndarray | None:
    """Mistake: the matrix product A @ B (only when both are square of one size)."""
    square = A.ndim == 2 and A.shape[0] == A.shape[1] and A.shape == B.shape
    return A @ B if square else None


def hadamard_summed(A: np.ndarray, B: np.ndarray) -> float:
    """Mistake: the sum of the elementwise products (a single number)."""
    return float(np.sum(A * B))


# ----------------------------------------------------------------- gated linear unit


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow: exp is only taken of -|z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def glu(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """(x @ W) * sigmoid(x @ V)."""
    return (x @ W) * sigmoid(x @ V)


def glu_gate_swapped(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Mistake: sigmoid(x @ W) * (x @ V), the gate on the wrong branch."""
    return sigmoid(x @ W) * (x @ V)


def glu_sigmoid_sign(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Mistake: sigmoid written 1 / (1 + exp(z)), i.e. sigmoid(-z)."""
    return (x @ W) * sigmoid(-(x @ V))


def glu_tanh_gate(x: np.ndarray, W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Mistake: tanh as the gate instead of the sigmoid."""
    return (x @ W) * np.tanh(x @ V)


# ----------------------------------------------------------------- masked mean


def _row_means(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """sums / counts, 0.0 where a count is 0."""
    return np.divide(sums, counts, out=np.zeros_like(sums, dtype=float), where=counts > 0)


def masked_mean(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per-row mean of X over the entries where mask is 1; rows with no such entry give 0.0."""
    keep = mask == 1
    return _row_means(np.sum(np.where(keep, X, 0.0), axis=1), np.sum(keep, axis=1).astype(float))


def masked_mean_row_length(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mistake: the masked sum divided by the row length n instead of the count."""
    return np.sum(np.where(mask == 1, X, 0.0), axis=1) / X.shape[1]


def masked_mean_ignoring_mask(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mistake: the plain row mean, mask ignored."""
    return np.mean(X, axis=1)


def masked_sum(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mistake: the masked sum, never divided by the count."""
    return np.sum(np.where(mask == 1, X, 0.0), axis=1)


def masked_mean_columns(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mistake: the masked mean of each column (axis 0)."""
    return masked_mean(X.T, mask.T)


def masked_mean_inverted(X: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mistake: the mean over the entries where mask is 0."""
    return masked_mean(X, 1.0 - mask)
