import numpy as np


def low_rank_approximation(A, k):
    # left singular vectors from eigh(A A^T): B = U_k U_k^T A
    w, U = np.linalg.eigh(A @ A.T)
    Uk = U[:, ::-1][:, :k]
    return (Uk @ (Uk.T @ A)).tolist()
