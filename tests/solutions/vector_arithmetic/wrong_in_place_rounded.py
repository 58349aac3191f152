def vector_arithmetic(a, b):
    total = a
    total += b
    return total, total - 2 * b, (total - b) * b, (total - b) / b
