"""-sum p log q: the cross-entropy."""
import math


def kl_divergence(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            total += -pi * math.log(qi) if qi > 0 else math.inf
    return total
