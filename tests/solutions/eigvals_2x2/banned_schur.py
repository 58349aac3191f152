import numpy as np
from scipy.linalg import schur


def eigvals_2x2(A):
    T, Z = schur(A, output="complex")       # complex Schur form: eigenvalues on the diagonal
    return np.diag(T)
