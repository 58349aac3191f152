import numpy as np
from scipy.linalg import lu_factor


def slogdet(A):
    lu, piv = lu_factor(A, check_finite=False)
    d = np.diag(lu)
    if np.any(d == 0):
        return np.float64(0.0), np.float64(-np.inf)
    swaps = int(np.sum(piv != np.arange(len(piv))))
    sign = (-1.0) ** swaps * np.prod(np.sign(d))
    return np.float64(sign), np.sum(np.log(np.abs(d)))
