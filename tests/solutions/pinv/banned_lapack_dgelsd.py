import numpy as np
from scipy.linalg import lapack


def pinv(A):
    m, n = A.shape
    B = np.zeros((max(m, n), m)); B[:m, :m] = np.eye(m)
    lwork, iwork, info = lapack.dgelsd_lwork(m, n, m)
    x, s, rank, info = lapack.dgelsd(A, B, lwork, iwork, cond=1e-10)   # LAPACK's least-squares driver
    return x[:n, :m]
