import math


def entropy(p, base=2.0):
    total = sum(float(x) for x in p)
    h = 0.0
    for x in p:
        if x > 0:
            x = float(x) / total
            h -= x * math.log(x, base)
    return h
