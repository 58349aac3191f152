from numpy import linalg


def spectral_norm(A):
    return linalg.norm(A, 2)
