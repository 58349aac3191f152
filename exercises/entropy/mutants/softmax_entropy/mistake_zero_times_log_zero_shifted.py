"""A shifted softmax, but -sum p log p with p underflowed to 0 gives NaN."""
import numpy as np


def softmax_entropy(logits):
    z = logits - np.max(logits)
    p = np.exp(z) / np.sum(np.exp(z))
    return float(-np.sum(p * np.log(p)))
