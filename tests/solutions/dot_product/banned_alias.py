from numpy import inner as combine


def dot_product(a, b):
    return float(combine(a, b))
