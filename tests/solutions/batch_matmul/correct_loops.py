def batch_matmul(X, W):
    b, n, k = X.shape
    m = W.shape[1]
    out = []
    for i in range(b):
        rows = []
        for r in range(n):
            rows.append([sum(X[i, r, p] * W[p, c] for p in range(k)) for c in range(m)])
        out.append(rows)
    return out
