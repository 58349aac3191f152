import numpy as np


def glu(x, W, V):
    z = x @ V
    gate = np.empty_like(z)
    pos = z >= 0
    gate[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    gate[~pos] = ez / (1.0 + ez)
    return (x @ W) * gate
