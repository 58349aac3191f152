import numpy as np


def _largest_eigenvalue(apply, n):
    v = np.cos(np.arange(n) + 0.5)
    v /= np.linalg.norm(v)
    lam = 0.0
    for _ in range(100000):
        w = apply(v)
        new = float(v @ w)
        v = w / np.linalg.norm(w)
        if abs(new - lam) <= 1e-15 * abs(new):
            break
        lam = new
    return new


def condition_number(A):
    """sigma_max^2 by power iteration on A^T A, 1/sigma_min^2 by power iteration on (A^T A)^-1."""
    n = A.shape[0]
    gram = A.T @ A
    big = _largest_eigenvalue(lambda v: gram @ v, n)
    inv_small = _largest_eigenvalue(lambda v: np.linalg.solve(gram, v), n)
    return np.sqrt(big * inv_small)
