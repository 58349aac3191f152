def dot_product(a, b):
    a *= b
    return a.sum()
