import numpy as np


def pinv(A):
    # an absolute cutoff: fails when A is scaled far from 1
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > 1e-10
    return (Vt[keep].T / s[keep]) @ U[:, keep].T
