def vector_arithmetic(a, b):
    s, d, p, q = [], [], [], []
    for x, y in zip(a, b):
        s.append(x + y)
        d.append(x - y)
        p.append(x * y)
        q.append(x / y)
    return s, d, p, q
