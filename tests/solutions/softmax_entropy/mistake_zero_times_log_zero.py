import numpy as np


def softmax_entropy(logits):
    e = np.exp(logits - np.max(logits))
    p = e / e.sum()
    return -np.sum(p * np.log(p))
