import numpy as np


def cholesky(A):
    S = np.array(A, dtype=float)
    n = len(S)
    L = np.zeros((n, n))
    for k in range(n):
        L[k:, k] = S[k:, k] / np.sqrt(S[k, k])
        S[k:, k:] -= np.outer(L[k:, k], L[k:, k])
    return L
