"""The terms of p itself, never divided by its sum."""
import math


def entropy(p, base=2.0):
    total = 0.0
    for x in p:
        if x > 0:
            total -= x * math.log(x, base)
    return total
