"""The eigenvalue ratio of A^T A: the condition number squared."""
import numpy as np


def condition_number(A):
    lam = np.linalg.eigvalsh(A.T @ A)
    return float(lam[-1] / lam[0])
