print("loading my solution")


def vector_arithmetic(a, b):
    print("a has", len(a), "entries\x1b[31m in red?")
    return a + b, a - b, a * b, b / a
