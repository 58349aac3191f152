def dot_product(a, b):
    return float(a.__matmul__(b))
