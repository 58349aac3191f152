import math


def softmax_entropy(logits):
    m = max(logits)
    e = [math.exp(z - m) for z in logits]
    s = sum(e)
    h = 0.0
    for z, ei in zip(logits, e):
        logp = (z - m) - math.log(s)
        h -= (ei / s) * logp
    return h
