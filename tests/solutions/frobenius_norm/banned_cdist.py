"""The Euclidean distance of the flattened matrix from the origin, by scipy.spatial.distance.cdist."""

import numpy as np
from scipy.spatial.distance import cdist


def frobenius_norm(A):
    x = np.asarray(A, dtype=float).reshape(1, -1)
    return float(cdist(x, np.zeros_like(x))[0, 0])
