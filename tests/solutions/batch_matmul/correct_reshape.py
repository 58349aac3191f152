def batch_matmul(X, W):
    b, n, k = X.shape
    return (X.reshape(b * n, k) @ W).reshape(b, n, W.shape[1])
