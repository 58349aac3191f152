import numpy as np


def softmax_entropy(logits):
    z = np.asarray(logits, dtype=float)
    s = z - z.max()
    logp = s - np.log(np.sum(np.exp(s)))
    return -np.sum(np.exp(logp) * logp)
