import numpy.linalg as la


def determinant(A):
    return float(la.det(A))
