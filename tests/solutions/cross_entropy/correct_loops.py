import math


def cross_entropy(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        if pi == 0:
            continue
        if qi == 0:
            return math.inf
        total -= pi * math.log(qi)
    return total
