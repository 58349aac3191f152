"""The Frobenius norm."""
import numpy as np


def spectral_norm(A):
    return float(np.sqrt(np.sum(A * A)))
