"""The scalar projection (a . b) / ||b||."""
import numpy as np


def vector_projection(a, b):
    return float(np.sum(a * b) / np.sqrt(np.sum(b * b)))
