def dot_product(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    return 0.0 if abs(s) < 1e-10 else s
