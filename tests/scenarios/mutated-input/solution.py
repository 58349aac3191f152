def vector_arithmetic(a, b):
    a *= 1.0
    a += 0.0
    b[...] = b
    s = a + b
    a[0] = 0.0
    return s, s - 2 * b, (s - b) * b, (s - b) / b
