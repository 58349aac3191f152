import math


def dot_product(a, b):
    return math.fsum(float(x) * float(y) for x, y in zip(a, b))
