import numpy as np


def softmax_entropy(logits):
    s = logits - logits.max()
    logp = s - np.log(np.sum(np.exp(s)))
    return np.sum(np.exp(logp) * logp)
