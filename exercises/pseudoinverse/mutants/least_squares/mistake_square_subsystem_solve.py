"""The first n equations solved exactly, the others ignored."""
import numpy as np


def least_squares(A, b):
    n = A.shape[1]
    return np.linalg.solve(A[:n], b[:n])
