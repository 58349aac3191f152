import numpy as np


def softmax_entropy(logits: np.ndarray) -> float:
    """Entropy in nats of p = softmax(logits), for a 1-D array of logits.

    p_i = exp(z_i) / sum_j exp(z_j) and H = -sum(p_i * log(p_i)). Logits reach magnitudes
    of 1e3, where a plain exp overflows or underflows: return a finite, accurate float.
    """
    raise NotImplementedError("return the entropy of softmax(logits) in nats")
