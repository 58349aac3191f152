import numpy as np


def min_norm_solution(A, b):
    # A^T = Q R, so A = R^T Q^T and x = Q (R^T)^-1 b
    Q, R = np.linalg.qr(A.T)
    return Q @ np.linalg.solve(R.T, b)
