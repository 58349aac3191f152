import numpy as np


def vector_arithmetic(a, b):
    a = a.astype(np.float32)
    b = b.astype(np.float32)
    return a + b, a - b, a * b, a / b
