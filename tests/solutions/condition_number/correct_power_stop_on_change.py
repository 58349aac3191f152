import numpy as np
def _top(apply, n, rng):
    v = rng.standard_normal(n); v /= np.sqrt(v @ v)
    lam = 0.0
    for _ in range(20000):
        w = apply(v)
        new = v @ w
        v = w / np.sqrt(w @ w)
        if abs(new - lam) < 1e-12 * abs(new):
            break
        lam = new
    return new
def condition_number(A):
    A = np.asarray(A, float); n = A.shape[1]
    G = A.T @ A
    rng = np.random.default_rng(0)
    big = _top(lambda v: G @ v, n, rng)
    inv_small = _top(lambda v: np.linalg.solve(G, v), n, rng)
    return float(np.sqrt(big * inv_small))
