import numpy as np
def slogdet(A):
    a = A.copy(); n = a.shape[0]; sign = 1.0; ld = 0.0
    for k in range(n):
        if a[k, k] == 0:
            if k + 1 < n and a[k + 1, k] != 0:
                a[[k, k + 1]] = a[[k + 1, k]]; sign = -sign
            else:
                return 0.0, -np.inf
        sign *= np.sign(a[k, k]); ld += np.log(abs(a[k, k]))
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return sign, ld
