import numpy as np


def condition_number(A):
    return np.linalg.norm(A) * np.linalg.norm(np.linalg.inv(A))
