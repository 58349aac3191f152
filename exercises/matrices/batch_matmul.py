import numpy as np


def batch_matmul(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Multiply every matrix of a batch by one weight matrix: X (b, n, k), W (k, m) -> (b, n, m).

    Result[i] = X[i] @ W for each i in range(b), the way a linear layer maps a batch
    of b sequences of n vectors of size k to size m.
    """
    raise NotImplementedError("compute X[i] @ W for every i")
