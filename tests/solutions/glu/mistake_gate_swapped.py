import numpy as np


def glu(x, W, V):
    return (x @ V) / (1.0 + np.exp(-(x @ W)))
