import numpy as np


def eig_symmetric(A):
    w, v = np.linalg.eig(A)
    order = np.argsort(w.real)
    v = v[:, order].real
    return list(w.real[order]), -v
