def dot_product(a, b):
    return float(a.dot(b))
