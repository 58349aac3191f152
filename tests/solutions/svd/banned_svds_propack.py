import numpy as np
from scipy.sparse.linalg import svds


def svd(A):
    A = np.asarray(A, dtype=float)
    k = min(A.shape)
    U, s, Vt = svds(A, k=k, solver="propack")
    order = np.argsort(s)[::-1]
    return U[:, order], s[order], Vt[order]
