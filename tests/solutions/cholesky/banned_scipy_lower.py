import scipy.linalg


def cholesky(A):
    return scipy.linalg.cholesky(A, lower=True)
