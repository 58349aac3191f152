import numpy as np
def spectral_norm(A):
    A = np.asarray(A, dtype=float)
    v = np.zeros(A.shape[1]); v[0] = 1.0
    for _ in range(2000):
        w = A.T @ (A @ v)
        n = np.sqrt(w @ w)
        if n == 0:
            return 0.0
        v = w / n
    return float(np.sqrt((A @ v) @ (A @ v)))
