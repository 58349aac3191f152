"""np.linalg.eig and a sort: for a repeated eigenvalue the eigenvectors need not be orthogonal."""
import numpy as np


def eig_symmetric(A):
    w, V = np.linalg.eig(A)
    order = np.argsort(w.real)
    return w.real[order], V.real[:, order]
