import numpy.linalg as la


def frobenius_norm(A):
    return la.norm(A)
