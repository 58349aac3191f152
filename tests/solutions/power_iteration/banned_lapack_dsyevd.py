import numpy as np
from scipy.linalg import lapack


def power_iteration(A, num_iters):
    w, V, info = lapack.dsyevd(A)           # LAPACK symmetric eigen-solver, called directly
    i = int(np.argmax(np.abs(w)))
    return w[i], V[:, i]
