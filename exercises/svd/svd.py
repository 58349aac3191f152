import numpy as np


def svd(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reduced singular value decomposition of a real matrix A (m x n).

    Return (U, s, Vt) with k = min(m, n): U (m, k) with orthonormal columns, s (k,) the
    singular values, nonnegative and in descending order, and Vt (k, n) with orthonormal
    rows, so that A == U @ np.diag(s) @ Vt. Column i of U and row i of Vt may be flipped
    together. np.linalg.svd, scipy.linalg.svd, np.linalg.pinv and np.linalg.matrix_rank
    are not allowed (np.linalg.eigh is).
    """
    raise NotImplementedError("return (U, s, Vt)")
