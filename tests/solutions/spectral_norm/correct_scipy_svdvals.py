import scipy.linalg


def spectral_norm(A):
    return scipy.linalg.svdvals(A).max()
