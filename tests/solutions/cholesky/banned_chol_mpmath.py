import mpmath
import numpy as np
def cholesky(A):
    return np.array(mpmath.cholesky(mpmath.matrix(A.tolist())).tolist(), dtype=float)
