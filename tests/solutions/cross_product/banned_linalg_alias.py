from numpy.linalg import cross as c


def cross_product(a, b):
    return c(a, b)
