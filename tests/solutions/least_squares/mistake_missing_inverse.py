import numpy as np


def least_squares(A, b):
    return A.T @ b
