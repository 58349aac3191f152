from numpy.linalg import det as d


def determinant(A):
    return float(d(A))
