import math

import numpy as np


def svd(A):
    """One-sided Jacobi (Hestenes) in Python loops: rotate columns until they are orthogonal."""
    a = [list(map(float, row)) for row in np.asarray(A)]
    transposed = len(a) < len(a[0])
    if transposed:
        a = [list(col) for col in zip(*a)]
    m, n = len(a), len(a[0])
    v = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for _sweep in range(60):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                alpha = sum(a[i][p] ** 2 for i in range(m))
                beta = sum(a[i][q] ** 2 for i in range(m))
                gamma = sum(a[i][p] * a[i][q] for i in range(m))
                if abs(gamma) <= 1e-15 * math.sqrt(alpha * beta):
                    continue
                rotated = True
                zeta = (beta - alpha) / (2 * gamma)
                t = math.copysign(1.0, zeta) / (abs(zeta) + math.sqrt(1 + zeta * zeta))
                c = 1 / math.sqrt(1 + t * t)
                s = c * t
                for i in range(m):
                    x, y = a[i][p], a[i][q]
                    a[i][p], a[i][q] = c * x - s * y, s * x + c * y
                for i in range(n):
                    x, y = v[i][p], v[i][q]
                    v[i][p], v[i][q] = c * x - s * y, s * x + c * y
        if not rotated:
            break
    sigma = [math.sqrt(sum(a[i][j] ** 2 for i in range(m))) for j in range(n)]
    order = sorted(range(n), key=lambda j: -sigma[j])
    u = [[a[i][j] / sigma[j] for j in order] for i in range(m)]
    vt = [[v[i][j] for i in range(n)] for j in order]
    s = [sigma[j] for j in order]
    if transposed:
        return [list(r) for r in zip(*vt)], s, [list(r) for r in zip(*u)]
    return u, s, vt
