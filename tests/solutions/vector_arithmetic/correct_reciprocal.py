def vector_arithmetic(a, b):
    inverse = 1.0 / b
    return a + b, a + (-b), a * b, a * inverse
