import numpy as np

def lu_decompose(A):
    n = A.shape[0]
    U = A.astype(float).copy(); L = np.eye(n); P = np.eye(n)
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if abs(U[p, k]) < 1e-10:
            raise ValueError("singular")
        if p != k:
            U[[k, p], :] = U[[p, k], :]
            P[[k, p], :] = P[[p, k], :]
            L[[k, p], :k] = L[[p, k], :k]
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, :] -= L[i, k] * U[k, :]
    return P.T, L, U
