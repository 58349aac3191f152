"""Power iteration with deflation: the eigenpairs come out by magnitude, largest first."""
import numpy as np


def eig_symmetric(A):
    A = np.array(A, dtype=float)
    n = len(A)
    shift = np.abs(A).sum()
    B = A + shift * np.eye(n)
    w, V = np.zeros(n), np.zeros((n, n))
    for j in range(n):
        v = np.random.default_rng(j).standard_normal(n)
        for _ in range(5000):
            v = B @ v
            v -= V[:, :j] @ (V[:, :j].T @ v)
            v /= np.sqrt(v @ v)
        V[:, j] = v
        w[j] = v @ A @ v
    return w, V
