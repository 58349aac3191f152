def vector_arithmetic(a, b):
    result = (a + b, a - b, a * b, a / b)
