"""Never finishes importing: the loop is at module level."""

while True:
    pass


def vector_arithmetic(a, b):
    return a + b, a - b, a * b, a / b
