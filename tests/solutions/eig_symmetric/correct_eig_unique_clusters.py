import numpy as np


def eig_symmetric(A):
    w, V = np.linalg.eig(A)
    w, V = w.real, V.real
    order = np.argsort(w)
    w, V = w[order], V[:, order]
    scale = max(np.abs(w).max(), 1e-300)
    labels = np.round(w / scale, 8)
    for value in np.unique(labels):             # orthonormalize each cluster of equal eigenvalues
        cols = np.flatnonzero(labels == value)
        V[:, cols], _ = np.linalg.qr(V[:, cols])
    return w, V
