"""b - a for the difference."""
def vector_arithmetic(a, b):
    return a + b, b - a, a * b, a / b
