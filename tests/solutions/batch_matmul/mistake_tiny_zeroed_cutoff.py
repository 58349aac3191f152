import numpy as np
def batch_matmul(X, W):
    Y = X @ W
    Y[np.abs(Y) < 1e-10] = 0
    return Y
