import numpy as np
def condition_number(A):
    A = np.asarray(A, float); n = A.shape[1]
    G = A.T @ A
    rng = np.random.default_rng(3)
    v = rng.standard_normal(n)
    for _ in range(3000):
        v = G @ v; v /= np.sqrt(v @ v)
    smax = np.sqrt(np.sum((A @ v) ** 2))
    w = rng.standard_normal(n)
    for _ in range(3000):
        w = np.linalg.solve(G, w); w /= np.sqrt(w @ w)
    smin = np.sqrt(np.sum((A @ w) ** 2))
    return float(smax / smin)
