def least_squares(A, b):
    """Modified Gram-Schmidt QR and back substitution in plain Python, returning a list."""
    m, n = len(A), len(A[0])
    q = [[float(A[i][j]) for i in range(m)] for j in range(n)]   # columns
    r = [[0.0] * n for _ in range(n)]
    for j in range(n):
        r[j][j] = sum(x * x for x in q[j]) ** 0.5
        q[j] = [x / r[j][j] for x in q[j]]
        for k in range(j + 1, n):
            r[j][k] = sum(q[j][i] * q[k][i] for i in range(m))
            q[k] = [q[k][i] - r[j][k] * q[j][i] for i in range(m)]
    y = [sum(q[j][i] * b[i] for i in range(m)) for j in range(n)]
    x = [0.0] * n
    for j in reversed(range(n)):
        x[j] = (y[j] - sum(r[j][k] * x[k] for k in range(j + 1, n))) / r[j][j]
    return x
