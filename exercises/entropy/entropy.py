import numpy as np


def entropy(p: np.ndarray, base: float = 2.0) -> float:
    """Shannon entropy of the nonnegative vector p, in the given base (2, e or 10; default 2).

    If p does not sum to 1, normalize it first (divide by its sum). Entries equal to 0
    contribute 0. Return H = -sum(p_i * log(p_i)) / log(base) as a float.
    """
    raise NotImplementedError("return the entropy of p in the given base")
