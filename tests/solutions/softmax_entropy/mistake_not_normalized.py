import numpy as np


def softmax_entropy(logits):
    p = np.exp(logits - np.max(logits))
    nz = p[p > 0]
    return -np.sum(nz * np.log(nz))
