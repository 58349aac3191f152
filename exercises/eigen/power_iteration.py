import numpy as np


def power_iteration(A: np.ndarray, num_iters: int) -> tuple[float, np.ndarray]:
    """The eigenvalue of largest magnitude of a symmetric A (n x n), and a unit eigenvector.

    Run power iteration for num_iters steps (200 here; the dominant eigenvalue is at least
    twice as large in magnitude as the others, so that is plenty): start from a random
    vector, multiply by A and normalize, again and again. Return (lam, v) with
    A @ v == lam * v and ||v|| == 1; lam may be negative, and v may have either sign.
    Eigen-solvers (np.linalg.eig*, np.linalg.svd, scipy.linalg.eig*, ...) are not allowed.
    """
    raise NotImplementedError("return (lam, v)")
