import numpy as np


def pinv(A):
    # full rank: normal equations; rank-deficient: factor A = C R (full-rank factors) first
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    r = int(np.sum(s > 1e-10 * s[0]))
    C = U[:, :r] * s[:r]          # m x r, full column rank
    R = Vt[:r]                    # r x n, full row rank
    C_pinv = np.linalg.solve(C.T @ C, C.T)
    R_pinv = R.T @ np.linalg.inv(R @ R.T)
    return R_pinv @ C_pinv
