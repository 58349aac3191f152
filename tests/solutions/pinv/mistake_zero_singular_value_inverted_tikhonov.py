import numpy as np
def pinv(A):
    m, n = A.shape
    lam = 1e-12 * np.sum(A * A)
    return np.linalg.solve(A.T @ A + lam * np.eye(n), A.T)
