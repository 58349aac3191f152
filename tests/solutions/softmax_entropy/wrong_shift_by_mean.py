import numpy as np


def softmax_entropy(logits):
    s = logits - logits.mean()              # shifts by the mean, not the max
    logp = s - np.log(np.sum(np.exp(s)))
    p = np.exp(logp)
    return float(-np.sum(p * logp))
