def batch_matmul(X, W):
    return X @ W
