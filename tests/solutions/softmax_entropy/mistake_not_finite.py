import numpy as np


def softmax_entropy(logits):
    lse = np.log(np.sum(np.exp(logits)))
    p = np.exp(logits - lse)
    return lse - np.sum(p * logits)
