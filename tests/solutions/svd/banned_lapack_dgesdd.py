import numpy as np
from scipy.linalg import lapack


def svd(A):
    u, s, vt, info = lapack.dgesdd(A, full_matrices=0)   # LAPACK's SVD driver, called directly
    return u, s, vt
