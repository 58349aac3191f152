import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """KL(p || q) = sum(p_i * log(p_i / q_i)) in nats, for probability vectors p and q.

    Terms with p_i = 0 contribute 0. Return inf where some q_i = 0 while p_i > 0.
    """
    raise NotImplementedError("return sum p log(p/q) in nats")
