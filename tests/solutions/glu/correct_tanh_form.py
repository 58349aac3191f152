import numpy as np


def glu(x, W, V):
    return np.dot(x, W) * 0.5 * (1.0 + np.tanh(0.5 * np.dot(x, V)))
