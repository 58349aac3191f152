import math

import numpy as np


def least_squares(A, b):
    """Normal equations solved by a hand-written Cholesky factorization."""
    G = A.T @ A
    c = A.T @ b
    n = len(c)
    L = np.zeros((n, n))
    for j in range(n):
        L[j, j] = math.sqrt(G[j, j] - sum(L[j, k] ** 2 for k in range(j)))
        for i in range(j + 1, n):
            L[i, j] = (G[i, j] - sum(L[i, k] * L[j, k] for k in range(j))) / L[j, j]
    y = np.zeros(n)
    for i in range(n):
        y[i] = (c[i] - L[i, :i] @ y[:i]) / L[i, i]
    x = np.zeros(n)
    for i in reversed(range(n)):
        x[i] = (y[i] - L[i + 1:, i] @ x[i + 1:]) / L[i, i]
    return x
