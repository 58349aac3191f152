import numpy as np


def eigvals_2x2(A):
    (a, b), (c, d) = A
    half = (a + d) / 2
    disc = ((a - d) / 2) ** 2 + b * c
    if disc >= 0:
        s = np.sqrt(disc)
        return np.array([half - s, half + s])
    s = np.sqrt(-disc)
    return np.array([complex(half, s), complex(half, -s)])
