import numpy as np


def lu_decompose(A):
    n = A.shape[0]
    U = A.astype(float)
    L = np.eye(n)
    perm = np.arange(n)
    for k in range(n - 1):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, p]] = U[[p, k]]
        L[[k, p], :k] = L[[p, k], :k]
        perm[[k, p]] = perm[[p, k]]
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
    d = np.diag(U).copy()
    return np.eye(n)[:, perm], L * d, np.triu(U) / d[:, None]
