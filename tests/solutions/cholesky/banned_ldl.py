"""L D L^T from scipy.linalg.ldl: L sqrt(D) is the Cholesky factor, from a library."""

import numpy as np
from scipy.linalg import ldl

def cholesky(A):
    L, D, perm = ldl(np.asarray(A, dtype=float), lower=True)
    return np.tril(L @ np.sqrt(np.maximum(D, 0)))
