import numpy as np


def js_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """Jensen-Shannon divergence of probability vectors p and q, in nats.

    JS = (KL(p || m) + KL(q || m)) / 2 with m = (p + q) / 2, where terms with a zero
    probability contribute 0. Return the divergence, not its square root.
    """
    raise NotImplementedError("return the Jensen-Shannon divergence in nats")
