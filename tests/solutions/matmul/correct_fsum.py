import math


def matmul(A, B):
    cols = list(zip(*B.tolist()))
    return tuple(tuple(math.fsum(x * y for x, y in zip(row, col)) for col in cols) for row in A.tolist())
