import numpy as np


def eigvals_2x2(A):
    return np.roots([1.0, -np.trace(A), A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]])
