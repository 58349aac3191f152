import math

import numpy as np


def glu(x, W, V):
    z = x @ V
    gate = np.array([[1.0 / (1.0 + math.exp(-v)) for v in row] for row in z])
    return (x @ W) * gate
