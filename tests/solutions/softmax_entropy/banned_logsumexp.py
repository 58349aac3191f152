import numpy as np
from scipy.special import logsumexp


def softmax_entropy(logits):
    logp = logits - logsumexp(logits)
    return -np.sum(np.exp(logp) * logp)
