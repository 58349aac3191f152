import math


def lp_norm(x, p):
    if p == float("inf"):
        best = 0.0
        for v in x:
            best = max(best, abs(v))
        return best
    total = 0.0
    for v in x:
        total += abs(v) ** p
    return total ** (1 / p)
