import numpy.linalg as la


def condition_number(A):
    c = la.cond
    return c(A, 2)
