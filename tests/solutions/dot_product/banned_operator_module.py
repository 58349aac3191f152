from operator import matmul


def dot_product(a, b):
    return float(matmul(a, b))
