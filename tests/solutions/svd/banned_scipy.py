import scipy.linalg as sl


def svd(A):
    return sl.svd(A, full_matrices=False)
