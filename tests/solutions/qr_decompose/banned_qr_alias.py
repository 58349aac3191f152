import numpy.linalg as la


def qr_decompose(A):
    return la.qr(A)
