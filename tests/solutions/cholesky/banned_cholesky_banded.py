import numpy as np
from scipy.linalg import cholesky_banded


def cholesky(A):
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    ab = np.zeros((n, n))
    for d in range(n):
        ab[d, : n - d] = np.diagonal(A, -d)
    cb = cholesky_banded(ab, lower=True)
    L = np.zeros((n, n))
    for d in range(n):
        L[np.arange(d, n), np.arange(0, n - d)] = cb[d, : n - d]
    return L
