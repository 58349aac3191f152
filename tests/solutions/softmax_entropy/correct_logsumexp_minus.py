import numpy as np


def softmax_entropy(logits):
    # H = logsumexp(z) - sum p_i z_i
    m = np.max(logits)
    lse = m + np.log(np.sum(np.exp(logits - m)))
    p = np.exp(logits - lse)
    return lse - np.dot(p, logits)
