import numpy as np


def condition_number(A):
    return np.linalg.cond(A)
