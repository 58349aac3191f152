import numpy as np
def vector_arithmetic(a, b):
    return np.array([a + b, a - b, a * b, a / b])
