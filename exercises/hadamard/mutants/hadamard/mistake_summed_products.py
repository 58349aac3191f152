"""The sum of the elementwise products."""
import numpy as np


def hadamard(A, B):
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    return float(np.sum(A * B))
