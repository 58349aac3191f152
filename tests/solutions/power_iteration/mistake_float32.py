import numpy as np
def power_iteration(A, num_iters):
    A = A.astype(np.float32)
    v = np.random.default_rng(3).standard_normal(A.shape[0]).astype(np.float32); v /= np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v; v = w / np.linalg.norm(w)
    return float(v @ A @ v), v.astype(np.float64)
