from numpy.linalg import norm as size


def lp_norm(x, p):
    return float(size(x, p))
