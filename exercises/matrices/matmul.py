import numpy as np


def matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The matrix product A @ B of A (m x k) and B (k x n), an m x n array (sizes 1 to 8).

    Entry (i, j) of the product is row i of A dotted with column j of B:
    sum over p of A[i, p] * B[p, j]. Compute it yourself: the @ operator,
    np.matmul, np.dot, the .dot method, np.inner, np.vdot, np.einsum,
    np.tensordot, np.vecdot, np.matvec, np.vecmat and np.linalg.multi_dot are
    not allowed (elementwise *, np.sum and loops are fine).
    """
    raise NotImplementedError("multiply A by B")
