import math


def frobenius_norm(A):
    return math.hypot(*A.ravel().tolist())
