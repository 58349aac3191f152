from scipy.linalg import lu as factor


def lu_decompose(A):
    return factor(A)
