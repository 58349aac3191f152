"""(a . b) b, without dividing by b . b."""
import numpy as np


def vector_projection(a, b):
    return np.sum(a * b) * b
