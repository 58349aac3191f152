import numpy as np


def cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    """Cross-entropy H(p, q) = -sum(p_i * log(q_i)) in nats, for probability vectors p and q.

    Terms with p_i = 0 contribute 0 (even where q_i = 0). Return inf where some q_i = 0
    while p_i > 0.
    """
    raise NotImplementedError("return -sum p log q in nats")
