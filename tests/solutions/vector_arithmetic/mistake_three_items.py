def vector_arithmetic(a, b):
    return a + b, a - b, a * b
