"""log base 2: bits, not nats."""
import numpy as np


def softmax_entropy(logits):
    z = logits - np.max(logits)
    log_p = z - np.log(np.sum(np.exp(z)))
    p = np.exp(log_p)
    return float(-np.sum(p * log_p) / np.log(2))
