"""|lambda|_max / |lambda|_min of A itself."""
import numpy as np


def condition_number(A):
    lam = np.abs(np.linalg.eigvals(A))
    return float(lam.max() / lam.min())
