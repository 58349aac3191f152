import math


def frobenius_norm(A):
    total = 0.0
    for row in A:
        for v in row:
            total += v * v
    return math.sqrt(total)
