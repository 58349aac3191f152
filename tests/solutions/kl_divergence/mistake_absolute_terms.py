import numpy as np


def kl_divergence(p, q):
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            total += abs(pi * np.log(pi / qi))
    return total
