import numpy as np

def spectral_norm(A):
    A = np.asarray(A, dtype=float)
    v = np.ones(A.shape[1]) / np.sqrt(A.shape[1])
    v = v + 0.01 * np.arange(A.shape[1])
    s = 0.0
    for _ in range(5000):
        w = A.T @ (A @ v)
        n = np.sqrt(np.sum((w) ** 2))
        if n < 1e-10:
            return 0.0
        v = w / n
        s_new = np.sqrt(np.sum((A @ v) ** 2))
        if abs(s_new - s) <= 1e-15 * s_new:
            break
        s = s_new
    return float(np.sqrt(np.sum((A @ v) ** 2)))
