import numpy as np


def lu_decompose(A):
    a = np.array(A, dtype=float)
    n = len(a)
    P = np.eye(n)
    L = np.zeros((n, n))
    for k in range(n):
        p = k + np.argmax(np.abs(a[k:, k]))
        a[[k, p]] = a[[p, k]]
        P[[k, p]] = P[[p, k]]
        L[[k, p]] = L[[p, k]]
        for i in range(k + 1, n):
            L[i, k] = a[i, k] / a[k, k]
            a[i] = a[i] - L[i, k] * a[k]
    return P, L + np.eye(n), a
