import numpy.linalg as la


def slogdet(A):
    s, l = la.slogdet(A)
    return float(s), float(l)
