import numpy as np
def slogdet(A):
    A = np.array(A, dtype=float); n = A.shape[0]; sign = 1.0; logdet = 0.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(A[k:, k])))
        if A[p, k] == 0:
            return np.array([0.0, -np.inf])
        if p != k:
            A[[k, p]] = A[[p, k]]; sign = -sign
        sign *= np.sign(A[k, k]); logdet += np.log(abs(A[k, k]))
        A[k+1:, k:] -= np.outer(A[k+1:, k] / A[k, k], A[k, k:])
    return np.array([sign, logdet])
