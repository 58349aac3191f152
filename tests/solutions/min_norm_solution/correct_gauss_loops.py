def min_norm_solution(A, b):
    """Solve (A A^T) y = b by Gaussian elimination with partial pivoting, then x = A^T y; plain lists."""
    m, n = len(A), len(A[0])
    G = [[sum(A[i][k] * A[j][k] for k in range(n)) for j in range(m)] + [float(b[i])] for i in range(m)]
    for c in range(m):
        p = max(range(c, m), key=lambda r: abs(G[r][c]))
        G[c], G[p] = G[p], G[c]
        for r in range(c + 1, m):
            f = G[r][c] / G[c][c]
            G[r] = [G[r][k] - f * G[c][k] for k in range(m + 1)]
    y = [0.0] * m
    for i in reversed(range(m)):
        y[i] = (G[i][m] - sum(G[i][k] * y[k] for k in range(i + 1, m))) / G[i][i]
    return tuple(sum(A[i][j] * y[i] for i in range(m)) for j in range(n))
