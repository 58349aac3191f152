import numpy as np


def softmax_entropy(logits):
    e = np.exp(logits)
    p = e / e.sum()
    return -np.sum(p * np.log(p))
