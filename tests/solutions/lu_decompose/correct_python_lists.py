def lu_decompose(A):
    n = len(A)
    U = [[float(x) for x in row] for row in A]
    L = [[0.0] * n for _ in range(n)]
    rows = list(range(n))
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(U[i][k]))
        U[k], U[p] = U[p], U[k]
        L[k], L[p] = L[p], L[k]
        rows[k], rows[p] = rows[p], rows[k]
        for i in range(k + 1, n):
            f = U[i][k] / U[k][k]
            L[i][k] = f
            for j in range(k, n):
                U[i][j] -= f * U[k][j]
    for i in range(n):
        L[i][i] = 1.0
    P = [[1.0 if rows[j] == i else 0.0 for j in range(n)] for i in range(n)]
    return P, L, U
