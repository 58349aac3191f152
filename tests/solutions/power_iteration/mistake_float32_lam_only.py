import numpy as np
def power_iteration(A, num_iters):
    v = np.random.default_rng(3).standard_normal(A.shape[0]); v /= np.linalg.norm(v)
    for _ in range(num_iters):
        w = A @ v; v = w / np.linalg.norm(w)
    return float(np.float32(v @ A @ v)), v
