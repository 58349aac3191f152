def vector_projection(a, b):
    ab = sum(x * y for x, y in zip(a, b))
    bb = sum(y * y for y in b)
    return [ab / bb * y for y in b]
