import math


def spectral_norm(A):
    rows = A.tolist()
    m, n = len(rows), len(rows[0])
    v = [1.0] + [0.5] * (n - 1)
    for _ in range(200):
        u = [sum(rows[i][j] * v[j] for j in range(n)) for i in range(m)]
        length = math.sqrt(sum(x * x for x in u))
        u = [x / length for x in u]
        v = [sum(rows[i][j] * u[i] for i in range(m)) for j in range(n)]
        sigma = math.sqrt(sum(x * x for x in v))
        v = [x / sigma for x in v]
    return sigma
