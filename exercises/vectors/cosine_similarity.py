import numpy as np


def cosine_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The cosine of the angle between two nonzero vectors a and b of the same length, as a float.

    cos(a, b) = (a . b) / (|a| |b|), where |a| is the Euclidean length sqrt(a . a).
    The answer lies in [-1, 1]: 1 when a and b point the same way, -1 when they
    point opposite ways, 0 when they are orthogonal. It does not depend on the
    lengths of a and b.
    """
    raise NotImplementedError("compute the cosine similarity of a and b")
