import numpy as np


def glu(x, W, V):
    z = -(x @ V)
    e = np.exp(-np.abs(z))
    return (x @ W) * np.where(z >= 0, 1 / (1 + e), e / (1 + e))
