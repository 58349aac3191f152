import numpy as np


def min_norm_solution(A, b):
    # classical Gram-Schmidt on the rows of A: A^T = Q R, then x = Q (R^T)^-1 b by forward substitution
    m, n = A.shape
    Q = np.zeros((n, m))
    R = np.zeros((m, m))
    for j in range(m):
        R[:j, j] = Q[:, :j].T @ A[j]
        w = A[j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(w)
        Q[:, j] = w / R[j, j]
    y = np.zeros(m)
    for i in range(m):
        y[i] = (b[i] - R[:i, i] @ y[:i]) / R[i, i]
    return Q @ y
