"""Jacobi rotations, returning the eigenvectors as rows."""
import numpy as np


def eig_symmetric(A):
    A = np.array(A, dtype=float)
    n = len(A)
    V = np.eye(n)
    for _ in range(100):
        off = np.sqrt(np.sum(np.tril(A, -1) ** 2))
        if off <= 1e-15 * np.sqrt(np.sum(A * A)):
            break
        for p in range(n - 1):
            for q in range(p + 1, n):
                if A[p, q] == 0:
                    continue
                theta = (A[q, q] - A[p, p]) / (2 * A[p, q])
                t = np.sign(theta) / (abs(theta) + np.sqrt(theta ** 2 + 1)) if theta != 0 else 1.0
                c = 1 / np.sqrt(t * t + 1)
                s = t * c
                J = np.eye(n)
                J[p, p] = J[q, q] = c
                J[p, q], J[q, p] = s, -s
                A = J.T @ A @ J
                V = V @ J
    w = np.diag(A)
    order = np.argsort(w)
    return w[order], V[:, order].T
