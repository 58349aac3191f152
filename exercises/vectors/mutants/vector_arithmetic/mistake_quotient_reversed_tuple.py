"""b / a for the quotient."""
def vector_arithmetic(a, b):
    return a + b, a - b, a * b, b / a
