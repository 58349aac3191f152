import numpy as np


def glu(x, W, V):
    return (x @ W) * (1.0 / (1.0 + np.exp(-(x @ V))))
