"""(KL(p || q) + KL(q || p)) / 2."""
import math


def kl(a, b):
    total = 0.0
    for x, y in zip(a, b):
        if x > 0:
            total += x * math.log(x / y) if y > 0 else math.inf
    return total


def js_divergence(p, q):
    return 0.5 * (kl(p, q) + kl(q, p))
