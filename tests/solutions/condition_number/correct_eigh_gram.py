import numpy as np


def condition_number(A):
    w = np.linalg.eigvalsh(A.T @ A)
    return float(np.sqrt(w[-1] / w[0]))
