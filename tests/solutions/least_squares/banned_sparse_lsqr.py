"""scipy's iterative least-squares solver, run to machine precision."""

import numpy as np
from scipy.sparse.linalg import lsqr


def least_squares(A, b):
    return lsqr(np.asarray(A, dtype=float), np.asarray(b, dtype=float), atol=0.0, btol=0.0, conlim=0.0,
                iter_lim=10000)[0]
