import numpy as np


def lu_decompose(A):
    n = A.shape[0]
    U = np.array(A, dtype=float)
    L = np.eye(n)
    perm = list(range(n))
    for k in range(n):
        col = np.abs(U[k:, k])
        p = k + int(np.flatnonzero(col == col.max())[-1])
        U[[k, p]] = U[[p, k]]
        L[[k, p], :k] = L[[p, k], :k]
        perm[k], perm[p] = perm[p], perm[k]
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
            U[i, k] = 0.0
    P = np.zeros((n, n), dtype=int)
    P[perm, range(n)] = 1
    return P, L, U
