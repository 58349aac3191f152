import numpy as np

SCALE = np.arange(3) / undefined_name


def vector_arithmetic(a, b):
    return a + b, a - b, a * b, a / b
