"""A^T b, the inverse of A^T A forgotten."""
import numpy as np


def least_squares(A, b):
    return A.T @ b
