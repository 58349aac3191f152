import numpy as np

def power_iteration(A, num_iters):
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    v = np.random.default_rng(0).standard_normal(n)
    v /= np.sqrt(np.sum(v * v))
    for _ in range(num_iters):
        w = A.dot(v)
        nrm = np.sqrt(np.sum(w * w))
        if nrm < 1e-10:
            return 0.0, v
        v = w / nrm
    lam = float(v.dot(A.dot(v)))
    return lam, v
