import math


def qr_decompose(A):
    m, n = len(A), len(A[0])
    cols = [[float(A[i][j]) for i in range(m)] for j in range(n)]
    q = []
    R = [[0.0] * n for _ in range(n)]
    for j in range(n):
        v = cols[j]
        for i in range(j):
            R[i][j] = sum(q[i][k] * v[k] for k in range(m))
            v = [v[k] - R[i][j] * q[i][k] for k in range(m)]
        R[j][j] = math.sqrt(sum(x * x for x in v))
        q.append([x / R[j][j] for x in v])
    Q = [[q[j][i] for j in range(n)] for i in range(m)]
    return (Q, R)
