import numpy as np


def min_norm_solution(A, b):
    # conjugate gradient on A^T A x = A^T b from x = 0 (CGNR): every iterate stays in the row space of A
    x = np.zeros(A.shape[1])
    r = A.T @ (b - A @ x)
    p = r.copy()
    tol = 1e-13 * np.linalg.norm(A.T @ b)
    for _ in range(20 * A.shape[0]):
        q = A.T @ (A @ p)
        if np.linalg.norm(r) <= tol or p @ q <= 0:
            break
        alpha = (r @ r) / (p @ q)
        x = x + alpha * p
        r_new = r - alpha * q
        p = r_new + (r_new @ r_new) / (r @ r) * p
        r = r_new
    return x
