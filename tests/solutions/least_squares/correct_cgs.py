import numpy as np


def least_squares(A, b):
    # classical Gram-Schmidt QR (loses orthogonality like kappa^2), then R x = Q^T b
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        w = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(w)
        Q[:, j] = w / R[j, j]
    x = np.zeros(n)
    y = Q.T @ b
    for i in reversed(range(n)):
        x[i] = (y[i] - R[i, i + 1:] @ x[i + 1:]) / R[i, i]
    return x
