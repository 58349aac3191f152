import numpy as np
def slogdet(A):
    # keep the running product in range by pulling out powers of 1e100 when it gets big
    a = np.array(A, dtype=float); n = len(a); sign = 1.0; prod = 1.0; extra = 0.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0:
            return 0.0, -np.inf
        if p != k:
            a[[k, p]] = a[[p, k]]; sign = -sign
        sign *= np.sign(a[k, k])
        prod *= abs(a[k, k])
        while prod > 1e100:
            prod /= 1e100; extra += 100 * np.log(10.0)
        a[k+1:, k:] -= np.outer(a[k+1:, k] / a[k, k], a[k, k:])
    return sign, float(np.log(prod) + extra)
