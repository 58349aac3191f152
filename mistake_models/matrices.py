"""Mistaken answers of the matrices topic."""

from __future__ import annotations

import numpy as np

from mistake_models.common import without_error



def batch_matmul_w_transposed(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Mistake: X[i] @ W.T (raises ValueError, as numpy does, unless W is square)."""
    return np.matmul(np.asarray(X, dtype=float), np.asarray(W, dtype=float).T)




w_transposed_example = without_error(batch_matmul_w_transposed)
