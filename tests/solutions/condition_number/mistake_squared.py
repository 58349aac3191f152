import numpy as np


def condition_number(A):
    w = np.linalg.eigvalsh(A.T @ A)
    return w.max() / w.min()
