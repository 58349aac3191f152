import numpy as np


def glu(x, W, V):
    z = x @ V
    e = np.exp(-np.abs(z))
    gate = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return (x @ W) * gate
