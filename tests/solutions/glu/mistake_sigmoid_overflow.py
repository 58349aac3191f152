import numpy as np


def glu(x, W, V):
    e = np.exp(x @ V)
    return (x @ W) * e / (1.0 + e)
