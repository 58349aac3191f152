import numpy as np


def glu(x, W, V):
    z = np.clip(x @ V, -500.0, 500.0)
    return (x @ W) / (1.0 + np.exp(-z))
