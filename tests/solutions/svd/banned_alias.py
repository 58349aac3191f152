from numpy.linalg import svd as decompose


def svd(A):
    return decompose(A, full_matrices=False)
