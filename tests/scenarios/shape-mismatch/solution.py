def vector_arithmetic(a, b):
    col = lambda x: x.reshape(-1, 1)
    return col(a + b), a - b, a * b, a / b
