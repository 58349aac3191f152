"""The projection of b onto a."""
import numpy as np


def vector_projection(a, b):
    return (np.sum(a * b) / np.sum(a * a)) * a
