import numpy as np
import scipy.linalg


def slogdet(A):
    p, l, u = scipy.linalg.lu(A)
    return float(np.prod(np.diag(u)))
