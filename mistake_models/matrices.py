"""Mistaken answers of the matrices topic."""

from __future__ import annotations

import numpy as np

from mistake_models.common import with_cutoff, without_error
from reference import matrices as _reference_matrices



def batch_matmul_w_transposed(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Mistake: X[i] @ W.T (raises ValueError, as numpy does, unless W is square)."""
    return np.matmul(np.asarray(X, dtype=float), np.asarray(W, dtype=float).T)




w_transposed_example = without_error(batch_matmul_w_transposed)


# tiny_zeroed examples: the reference with an absolute cutoff (1e-3 catches the cosines near 5e-4)
matmul_cutoff = with_cutoff(_reference_matrices.matmul, 1e-10)
cross_product_cutoff = with_cutoff(_reference_matrices.cross_product, 1e-10)
batch_matmul_cutoff = with_cutoff(_reference_matrices.batch_matmul, 1e-10)
