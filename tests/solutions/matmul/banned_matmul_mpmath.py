import mpmath
import numpy as np
def matmul(A, B):
    with mpmath.workdps(40):
        C = mpmath.matrix(A.tolist()) * mpmath.matrix(B.tolist())
    return np.array(C.tolist(), dtype=float).reshape(A.shape[0], B.shape[1])
