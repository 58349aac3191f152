import numpy as np


def vector_arithmetic(a, b):
    return [np.add(a, b), np.subtract(a, b), np.multiply(a, b), np.true_divide(a, b)]
