import numpy as np
from scipy import linalg


def cholesky(A):
    c, lower = linalg.cho_factor(A, lower=True)
    return np.tril(c)
