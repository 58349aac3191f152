import numpy as np


def frobenius_norm(A):
    return float(np.sqrt(np.trace(A @ A)))
