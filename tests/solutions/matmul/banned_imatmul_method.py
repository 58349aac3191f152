"""A.__imatmul__(B) is A @= B: padded to squares, the in-place product computes any shape."""

import numpy as np


def matmul(A, B):
    m, k = A.shape
    n = B.shape[1]
    size = max(m, k, n)
    C = np.zeros((size, size))
    C[:m, :k] = A
    D = np.zeros((size, size))
    D[:k, :n] = B
    C.__imatmul__(D)
    return C[:m, :n]
