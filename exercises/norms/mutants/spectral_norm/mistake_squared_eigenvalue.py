"""The largest eigenvalue of A^T A, its square root forgotten."""
import numpy as np


def spectral_norm(A):
    return float(np.max(np.linalg.eigvalsh(A.T @ A)))
