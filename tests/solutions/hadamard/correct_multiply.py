import numpy as np


def hadamard(A, B):
    A, B = np.asarray(A), np.asarray(B)
    if A.ndim != B.ndim or any(a != b for a, b in zip(A.shape, B.shape)):
        raise ValueError("shapes differ")
    return np.multiply(A, B)
