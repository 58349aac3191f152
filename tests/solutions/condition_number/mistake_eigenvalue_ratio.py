import numpy as np


def condition_number(A):
    lam = np.abs(np.linalg.eigvals(A))
    return lam.max() / lam.min()
