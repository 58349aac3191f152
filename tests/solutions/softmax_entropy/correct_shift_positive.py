import numpy as np


def softmax_entropy(logits):
    e = np.exp(logits - np.max(logits))
    p = e / e.sum()
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)))
