"""The mean of |x_i|^p."""
import math


def lp_norm(x, p):
    if math.isinf(p):
        return max(abs(v) for v in x)
    return (sum(abs(v) ** p for v in x) / len(x)) ** (1 / p)
