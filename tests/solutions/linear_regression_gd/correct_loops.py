def linear_regression_gd(X, y, lr, epochs):
    n, d = len(X), len(X[0])
    w = [0.0] * d
    for _ in range(epochs):
        r = [sum(X[i][j] * w[j] for j in range(d)) - y[i] for i in range(n)]
        g = [2.0 / n * sum(X[i][j] * r[i] for i in range(n)) for j in range(d)]
        w = [w[j] - lr * g[j] for j in range(d)]
    return w
