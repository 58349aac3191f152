import numpy as np


def lu_decompose(A):
    n = A.shape[0]
    U = A.astype(float)
    L = np.eye(n)
    for k in range(n - 1):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, p]] = U[[p, k]]
        L[[k, p], :k] = L[[p, k], :k]
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
    return np.eye(n), L, np.triu(U)
