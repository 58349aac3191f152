"""SuperLU with the natural column order and strict partial pivoting is an LU of A: P, L, U from a library."""

import numpy as np
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import splu

def lu_decompose(A):
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    f = splu(csc_matrix(A), permc_spec="NATURAL", diag_pivot_thresh=1.0, options={"SymmetricMode": False})
    L = f.L.toarray()
    U = f.U.toarray()
    P = np.zeros((n, n))
    P[f.perm_r, np.arange(n)] = 1.0
    return P.T, L, U
