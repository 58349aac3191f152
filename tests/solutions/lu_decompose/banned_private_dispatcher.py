"""scipy.linalg.lu's own implementation, called by its private name: scipy.linalg._decomp_lu_cython.lu_dispatcher."""

import numpy as np
from scipy.linalg._decomp_lu_cython import lu_dispatcher


def lu_decompose(A):
    a = np.array(A, dtype=float, order="C")
    n = a.shape[0]
    u = np.zeros((n, n))
    p = np.empty(n, dtype=np.int32)
    lu_dispatcher(a, u, p, False)
    L, U = u, a
    P = np.zeros((n, n))
    P[np.arange(n), p] = 1.0
    return P, L, U
