"""The gate on the W branch."""
import numpy as np


def glu(x, W, V):
    e = np.exp(-np.abs(x @ W))
    gate = np.where(x @ W >= 0, 1 / (1 + e), e / (1 + e))
    return gate * (x @ V)
