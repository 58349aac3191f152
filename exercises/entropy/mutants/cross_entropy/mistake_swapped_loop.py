"""-sum q log p: the arguments' roles swapped."""
import math


def cross_entropy(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        if qi > 0:
            total -= qi * math.log(pi) if pi > 0 else -math.inf
    return total
