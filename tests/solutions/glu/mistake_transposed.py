import numpy as np


def glu(x, W, V):
    z = V.T @ x.T
    e = np.exp(-np.abs(z))
    return (W.T @ x.T) * np.where(z >= 0, 1 / (1 + e), e / (1 + e))
