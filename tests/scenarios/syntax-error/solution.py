def vector_arithmetic(a, b):
    return (a + b, a - b

x = 1
